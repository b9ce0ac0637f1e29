import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFSET_CONTENT_TYPE } from '../../../src/server/routes/uploads/uploads';
import { type RecordStatus, STATUS_TRANSITIONS } from '../../../src/shared/domain';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../../src/shared/protocol';
import {
  ACTORS,
  type Actor,
  createWorld,
  listApiRoutes,
  OBJECTS,
  type OwnedObject,
  PHOTO_CHUNK_BYTES,
  type PhotoState,
  type RecordObject,
  sha256Of,
  type World,
  worldState,
} from './authz-world';
import { BACKENDS, type Person, PROTOCOL_HEADERS, STAFF_PASSWORD, type TableName } from './test-app';

// Every /api route the router knows, called as every kind of person against records of every owner,
// with a valid request: the status each gets, what each list shows, and that a refusal changes
// nothing (row counts of every table, each record with its fields, versions, conflicts, amendments,
// timeline and assignee; no audit row either; not a byte of any photo, by the blob store's account
// and on disk). A successful staff call always leaves an audit row, but for the one route that is
// not audited on purpose (the photo list the record page polls, see list-photos.ts), which must
// leave none and change nothing at all.
//
// A route without a row in EXPECTED fails here, so a new route cannot ship without saying who may
// call it. Sessions are real: citizens sign in with a code from the file SMS outbox, staff with a
// password, the volunteer by redeeming a caseworker's invite (see test-app.ts and authz-world.ts).

/** A refusal whose body must name this error (a HEAD answer has no body: only its status is checked). */
interface Refusal {
  readonly status: number;
  readonly error: string;
}
/** An HTTP status, or 'rejected': 200 with every mutation of the push refused (nothing applied). */
type Outcome = number | 'rejected' | Refusal;
type PerRecord = Readonly<Record<RecordObject, Outcome>>;
type ActorExpectation = Outcome | PerRecord;

const isPerRecord = (expectation: ActorExpectation): expectation is PerRecord =>
  typeof expectation === 'object' && !('status' in expectation);

interface RequestSpec {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PATCH';
  readonly url: string;
  readonly body?: unknown;
  /** Sent as is, instead of a JSON body. */
  readonly raw?: Uint8Array;
  readonly headers?: Record<string, string>;
  /** Instead of the actor's own session cookie (logout spends a session of its own; signing out everywhere, a stand-in's). */
  readonly cookie?: string;
  /** On success: what the answer must say and what the call must have done. */
  verify?(response: Response, label: string): Promise<void>;
}

interface Situation {
  readonly expect: Readonly<Record<Actor, ActorExpectation>>;
  /** A valid request as this actor, after any setup it needs (setup happens before the "before" snapshot). */
  prepare(world: World, actor: Actor, object: RecordObject | undefined): Promise<RequestSpec>;
}

interface RouteCase extends Situation {
  /** Called with each record of OBJECTS, or once without one. */
  readonly perRecord: boolean;
  /** A staff read that writes no audit row, on purpose (the route's comment says why). */
  readonly unaudited?: true;
  /** The same route in other circumstances (a photo not arrived yet, HEAD for GET), each expected apart. */
  readonly also?: Readonly<Record<string, Situation>>;
  /** For the routes that list records: which each actor's 200 shows. */
  readonly sees?: Partial<Record<Actor, readonly OwnedObject[]>>;
  listed?(world: World, response: Response): Promise<OwnedObject[]>;
}

const ANYONE = {
  anonymous: 200,
  citizenA: 200,
  citizenB: 200,
  volunteer: 200,
  caseworkerX: 200,
  caseworkerY: 200,
  admin: 200,
} as const;
const SIGNED_IN = { ...ANYONE, anonymous: 401 } as const;
const SIGN_IN_FIRST: Refusal = { status: 401, error: 'auth.required' };
const NOT_FOR_THIS_ACCOUNT: Refusal = { status: 403, error: 'auth.forbidden' };
const RECORD_NOT_FOUND: Refusal = { status: 404, error: 'record.notFound' };
const UPLOAD_NOT_FOUND: Refusal = { status: 404, error: 'upload.notFound' };
/** Staff routes on one record: a caseworker's oblast decides, an admin sees all; outside it is "not found". */
const STAFF_ON_RECORD = (ok: Outcome, outside: Outcome = 404) =>
  ({
    anonymous: 401,
    citizenA: 403,
    citizenB: 403,
    volunteer: 403,
    caseworkerX: { recordOfA: ok, recordOfB: outside, recordOfVolunteer: ok, missing: outside },
    caseworkerY: { recordOfA: outside, recordOfB: ok, recordOfVolunteer: outside, missing: outside },
    admin: { recordOfA: ok, recordOfB: ok, recordOfVolunteer: ok, missing: outside },
  }) as const;
/**
 * The upload routes: only the person whose record names the hash. Everyone else signed in as a
 * person gets the same 404 whether the hash is named elsewhere, stored, or unheard of, so no answer
 * tells which photos exist; staff do not upload and get 403 whatever the hash, which tells nothing
 * either (the same answer the citizens' sync routes give them).
 */
const OWNER_ONLY = (ok: Outcome): Record<Actor, ActorExpectation> => {
  const only = (own: OwnedObject): PerRecord => ({
    recordOfA: UPLOAD_NOT_FOUND,
    recordOfB: UPLOAD_NOT_FOUND,
    recordOfVolunteer: UPLOAD_NOT_FOUND,
    missing: UPLOAD_NOT_FOUND,
    [own]: ok,
  });
  return {
    anonymous: SIGN_IN_FIRST,
    citizenA: only('recordOfA'),
    citizenB: only('recordOfB'),
    volunteer: only('recordOfVolunteer'),
    caseworkerX: NOT_FOR_THIS_ACCOUNT,
    caseworkerY: NOT_FOR_THIS_ACCOUNT,
    admin: NOT_FOR_THIS_ACCOUNT,
  };
};
const STAFF_LIST = {
  anonymous: 401,
  citizenA: 403,
  citizenB: 403,
  volunteer: 403,
  caseworkerX: 200,
  caseworkerY: 200,
  admin: 200,
} as const;
const STAFF_SEES = {
  caseworkerX: ['recordOfA', 'recordOfVolunteer'],
  caseworkerY: ['recordOfB'],
  admin: ['recordOfA', 'recordOfB', 'recordOfVolunteer'],
} as const;

let phoneCounter = 0;
const freshPhone = () => `+38050220${String(phoneCounter++).padStart(4, '0')}`;

let standInCounter = 0;
/** A new person of the actor's kind (a volunteer invited by caseworker X, staff in the actor's oblasts). */
async function standInFor(world: World, actor: Exclude<Actor, 'anonymous'>): Promise<Person> {
  const like = world.people[actor];
  switch (like.user.kind) {
    case 'citizen':
      return world.t.signInCitizen(freshPhone());
    case 'volunteer':
      return world.t.inviteVolunteer(freshPhone(), world.people.caseworkerX);
    default: {
      const login = `stand-in.${++standInCounter}`;
      await world.t.createStaff(login, like.user.kind, like.user.oblasts);
      return world.t.signInStaff(login);
    }
  }
}

function objectOf(world: World, recordId: string): OwnedObject | undefined {
  return (['recordOfA', 'recordOfB', 'recordOfVolunteer'] as const).find(
    (o) => world.recordIds[o] === recordId,
  );
}

async function currentField(world: World, object: RecordObject | undefined, path: string) {
  if (object === undefined || object === 'missing') return null;
  return (await world.stored(object))?.record.fields[path] ?? null;
}

let streetCounter = 0;
const newStreet = () => `вул. Матрична, ${++streetCounter}`;

/** The next status a record can move to, so every allowed call is a valid transition. */
function nextStatus(current: RecordStatus | undefined): RecordStatus {
  const allowed = STATUS_TRANSITIONS[current ?? 'received'];
  return allowed.includes('inReview') ? 'inReview' : 'needsInformation';
}

const recordUrl = (world: World, object: RecordObject | undefined, suffix = '') =>
  `/api/staff/records/${world.recordIds[object ?? 'missing']}${suffix}`;

const photoOf = (world: World, object: RecordObject | undefined, state: PhotoState) =>
  object === undefined || object === 'missing' ? undefined : world.photos[object][state];

/** Asks the upload route what is held for the photo's hash (a hash no record names for `missing`). */
function probeUpload(method: 'GET' | 'HEAD', state: PhotoState): Situation['prepare'] {
  return async (world, _actor, object) => {
    const sha256 = photoOf(world, object, state)?.sha256 ?? world.unnamedHash;
    const before = await world.held();
    return {
      method,
      url: `/api/uploads/${sha256}`,
      async verify(response, label) {
        expect.soft(response.headers.get('upload-offset'), label).toBe(String(before[sha256]?.offset));
        expect.soft(response.headers.get('upload-complete'), label).toBe(before[sha256]?.has ? '?1' : '?0');
        expect.soft(await world.held(), `${label} changed what is held`).toEqual(before);
      },
    };
  };
}

/**
 * Sends the chunk the photo's owner would send next: the bytes at the offset held, or the first ones
 * of a photo already stored. Random bytes under a hash no record names for `missing`.
 */
function sendChunk(state: PhotoState): Situation['prepare'] {
  return async (world, _actor, object) => {
    const photo = photoOf(world, object, state);
    const sha256 = photo?.sha256 ?? world.unnamedHash;
    const bytes = photo?.bytes ?? randomBytes(4 * PHOTO_CHUNK_BYTES);
    const before = await world.held();
    const was = before[sha256]!;
    const offset = was.has ? 0 : was.offset;
    const chunk = bytes.subarray(offset, offset + PHOTO_CHUNK_BYTES);
    return {
      method: 'PATCH',
      url: `/api/uploads/${sha256}`,
      raw: chunk,
      headers: {
        'content-type': OFFSET_CONTENT_TYPE,
        'upload-offset': String(offset),
        'upload-length': String(bytes.byteLength),
      },
      async verify(response, label) {
        // A stored photo takes nothing more; otherwise exactly this chunk is appended.
        const now = was.has ? was.offset : offset + chunk.byteLength;
        expect.soft(response.headers.get('upload-offset'), label).toBe(String(now));
        expect
          .soft(await world.held(), `${label} held`)
          .toEqual({ ...before, [sha256]: { offset: now, has: was.has || now === bytes.byteLength } });
      },
    };
  };
}

/** The staff photo route for the record's photo in that state (both ids unheard of for `missing`). */
function readPhoto(state: PhotoState | 'badHash'): Situation['prepare'] {
  return async (world, _actor, object) => {
    const photo =
      state === 'badHash'
        ? object === undefined || object === 'missing'
          ? undefined
          : world.badHashPhotos[object]
        : photoOf(world, object, state);
    return {
      method: 'GET',
      url: recordUrl(world, object, `/photos/${photo?.photoId ?? crypto.randomUUID()}`),
      async verify(response, label) {
        expect.soft(response.headers.get('content-type'), label).toBe('image/jpeg');
        expect.soft(sha256Of(new Uint8Array(await response.arrayBuffer())), label).toBe(photo?.sha256);
      },
    };
  };
}

/**
 * The staff photo list: the record's live photo rows (the one arrived, the one on its way, the one
 * whose hash no blob can have; not the removed one), each arrived exactly when the blob store holds
 * all of its bytes. No row says when it was taken, so they are in id order.
 */
const listPhotos: Situation['prepare'] = async (world, _actor, object) => ({
  method: 'GET',
  url: recordUrl(world, object, '/photos'),
  async verify(response, label) {
    if (object === undefined || object === 'missing') throw new Error(`${label}: no record, no photos`);
    const { arrived, pending } = world.photos[object];
    const badHash = world.badHashPhotos[object];
    const want = await Promise.all(
      [arrived, pending].map(async (photo) => ({
        id: photo.photoId,
        arrived: await world.blobs.has(photo.sha256),
        bytes: photo.bytes.byteLength,
      })),
    );
    want.push({ id: badHash.photoId, arrived: false, bytes: 1000 });
    want.sort((a, b) => a.id.localeCompare(b.id));
    expect.soft(await response.json(), label).toEqual({ photos: want });
    expect.soft(want.find((photo) => photo.id === arrived.photoId)?.arrived, label).toBe(true);
  },
});

const EXPECTED: Readonly<Record<string, RouteCase>> = {
  'GET /api/health': {
    perRecord: false,
    expect: ANYONE,
    prepare: async () => ({ method: 'GET', url: '/api/health' }),
  },
  'POST /api/sync/push': {
    perRecord: true,
    expect: {
      anonymous: 401,
      citizenA: { recordOfA: 200, recordOfB: 'rejected', recordOfVolunteer: 'rejected', missing: 'rejected' },
      citizenB: { recordOfA: 'rejected', recordOfB: 200, recordOfVolunteer: 'rejected', missing: 'rejected' },
      volunteer: {
        recordOfA: 'rejected',
        recordOfB: 'rejected',
        recordOfVolunteer: 200,
        missing: 'rejected',
      },
      caseworkerX: 403,
      caseworkerY: 403,
      admin: 403,
    },
    async prepare(world, actor, object) {
      const person = world.person(actor);
      const clientId = person?.clientId ?? crypto.randomUUID();
      const id = person === null ? 1 : world.t.nextMutationId(person);
      const base = await currentField(world, object, 'propStreet');
      return {
        method: 'POST',
        url: '/api/sync/push',
        body: {
          protocolVersion: PROTOCOL_VERSION,
          clientId,
          mutations: [
            {
              id,
              type: 'record/setFields',
              recordId: world.recordIds[object!],
              changes: [{ path: 'propStreet', base, value: newStreet() }],
            },
          ],
        },
      };
    },
  },
  'GET /api/sync/pull': {
    perRecord: false,
    expect: { ...SIGNED_IN, caseworkerX: 403, caseworkerY: 403, admin: 403 },
    prepare: async (world, actor) => ({
      method: 'GET',
      url: '/api/sync/pull?limit=500',
      headers: PROTOCOL_HEADERS(world.person(actor)?.clientId ?? crypto.randomUUID()),
    }),
    sees: { citizenA: ['recordOfA'], citizenB: ['recordOfB'], volunteer: ['recordOfVolunteer'] },
    async listed(world, response) {
      const page = (await response.json()) as PullResponse;
      return page.changes.map((change) => objectOf(world, change.recordId) ?? ('unknown' as OwnedObject));
    },
  },
  'POST /api/auth/otp/request': {
    perRecord: false,
    expect: {
      ...ANYONE,
      anonymous: 202,
      citizenA: 202,
      citizenB: 202,
      volunteer: 202,
      caseworkerX: 202,
      caseworkerY: 202,
      admin: 202,
    },
    prepare: async () => ({ method: 'POST', url: '/api/auth/otp/request', body: { phone: freshPhone() } }),
  },
  'POST /api/auth/otp/verify': {
    perRecord: false,
    expect: ANYONE,
    async prepare(world) {
      const phone = freshPhone();
      const asked = await world.t.request('/api/auth/otp/request', { body: { phone } });
      if (asked.status !== 202) throw new Error(`otp/request answered ${asked.status}`);
      return { method: 'POST', url: '/api/auth/otp/verify', body: { phone, code: world.t.lastCode(phone) } };
    },
  },
  'POST /api/auth/staff/login': {
    perRecord: false,
    expect: ANYONE,
    prepare: async (world) => ({
      method: 'POST',
      url: '/api/auth/staff/login',
      body: { login: world.spareStaffLogin, password: STAFF_PASSWORD },
    }),
  },
  'POST /api/auth/logout': {
    perRecord: false,
    expect: ANYONE,
    async prepare(world, actor) {
      const person = world.person(actor);
      if (person === null) return { method: 'POST', url: '/api/auth/logout', body: {} };
      // A session of the same person made for this call, so the actor's own stays usable.
      const { token } = await world.t.auth.sessions.createSession(person.user.userId, null);
      return { method: 'POST', url: '/api/auth/logout', body: {}, cookie: `lastivka_session=${token}` };
    },
  },
  'POST /api/auth/sessions/revoke-all': {
    perRecord: false,
    expect: SIGNED_IN,
    async prepare(world, actor) {
      if (actor === 'anonymous') return { method: 'POST', url: '/api/auth/sessions/revoke-all', body: {} };
      // It ends every session of the caller: a stand-in of the same kind, signed in on two devices,
      // takes the call, so the actor's own session lives on for the rest of the matrix.
      const standIn = await standInFor(world, actor);
      const other = await world.t.auth.sessions.createSession(standIn.user.userId, null);
      return {
        method: 'POST',
        url: '/api/auth/sessions/revoke-all',
        body: {},
        cookie: standIn.cookie,
        async verify(response, label) {
          expect.soft(await response.json(), label).toEqual({ sessionsEnded: 2 });
          for (const token of [decodeURIComponent(standIn.cookie.split('=')[1]!), other.token]) {
            expect
              .soft(await world.t.auth.sessions.authenticate(token), `${label}: a session lives`)
              .toBeNull();
          }
          const [newest] = await world.backend.identity.listAudit({ limit: 1 });
          expect.soft(newest, label).toMatchObject({
            action: 'sessions.revokedAll',
            actorUserId: standIn.user.userId,
            actorKind: standIn.user.kind,
          });
        },
      };
    },
  },
  'GET /api/auth/me': {
    perRecord: false,
    expect: SIGNED_IN,
    prepare: async () => ({ method: 'GET', url: '/api/auth/me' }),
  },
  'POST /api/auth/invites/redeem': {
    perRecord: false,
    // Citizens may redeem; this code was never issued (a valid one would turn A into a volunteer
    // for the rest of the matrix; redeeming one is in tests/integration/auth/invites.test.ts).
    expect: {
      anonymous: 401,
      citizenA: 400,
      citizenB: 400,
      volunteer: 403,
      caseworkerX: 403,
      caseworkerY: 403,
      admin: 403,
    },
    prepare: async () => ({ method: 'POST', url: '/api/auth/invites/redeem', body: { code: 'ABCDEFGHJK' } }),
  },
  'POST /api/staff/invites': {
    perRecord: false,
    expect: {
      anonymous: 401,
      citizenA: 403,
      citizenB: 403,
      volunteer: 403,
      caseworkerX: 201,
      caseworkerY: 201,
      admin: 403,
    },
    prepare: async () => ({ method: 'POST', url: '/api/staff/invites', body: {} }),
  },
  'GET /api/staff/records': {
    perRecord: false,
    expect: STAFF_LIST,
    prepare: async () => ({ method: 'GET', url: '/api/staff/records?limit=200' }),
    sees: STAFF_SEES,
    async listed(world, response) {
      const { items } = (await response.json()) as { items: { recordId: string }[] };
      return items.map((item) => objectOf(world, item.recordId) ?? ('unknown' as OwnedObject));
    },
  },
  'GET /api/staff/export.csv': {
    perRecord: false,
    expect: STAFF_LIST,
    prepare: async () => ({ method: 'GET', url: '/api/staff/export.csv' }),
    sees: STAFF_SEES,
    async listed(world, response) {
      const lines = (await response.text()).split('\r\n').slice(1, -1);
      return lines.map((line) => {
        const reference = line.split(',')[0];
        return (
          (['recordOfA', 'recordOfB', 'recordOfVolunteer'] as const).find(
            (object) => world.references[object] === reference,
          ) ?? ('unknown' as OwnedObject)
        );
      });
    },
  },
  'GET /api/staff/records/:recordId': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    prepare: async (world, _actor, object) => ({ method: 'GET', url: recordUrl(world, object) }),
  },
  'GET /api/staff/records/:recordId/photos': {
    perRecord: true,
    unaudited: true,
    expect: STAFF_ON_RECORD(200, RECORD_NOT_FOUND),
    prepare: listPhotos,
  },
  'GET /api/staff/records/:recordId/audit': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    prepare: async (world, _actor, object) => ({ method: 'GET', url: recordUrl(world, object, '/audit') }),
  },
  'POST /api/staff/records/:recordId/assign': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    prepare: async (world, _actor, object) => ({
      method: 'POST',
      url: recordUrl(world, object, '/assign'),
      body: {},
    }),
  },
  'POST /api/staff/records/:recordId/status': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    async prepare(world, _actor, object) {
      const current = (await currentField(world, object, 'status')) as RecordStatus | null;
      return {
        method: 'POST',
        url: recordUrl(world, object, '/status'),
        body: { status: nextStatus(current ?? undefined) },
      };
    },
  },
  'POST /api/staff/records/:recordId/info-requests': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    prepare: async (world, _actor, object) => ({
      method: 'POST',
      url: recordUrl(world, object, '/info-requests'),
      body: { question: 'Додайте, будь ласка, фото фасаду' },
    }),
  },
  'POST /api/staff/records/:recordId/fields': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    async prepare(world, _actor, object) {
      const base = await currentField(world, object, 'propStreet');
      return {
        method: 'POST',
        url: recordUrl(world, object, '/fields'),
        body: { changes: [{ path: 'propStreet', base: base ?? 'вул. Невідома', value: newStreet() }] },
      };
    },
  },
  'POST /api/staff/records/:recordId/amendments/:amendmentId': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    async prepare(world, _actor, object) {
      let amendmentId: string = crypto.randomUUID();
      if (object !== undefined && object !== 'missing') {
        const pending = async () =>
          (await world.stored(object))?.amendments.find((amendment) => amendment.state === 'pending');
        if ((await pending()) === undefined) {
          // The owner asks to change a field frozen after submission: it waits for the office.
          const current = await currentField(world, object, 'propertyType');
          await world.ownerSetFields(object, [
            { path: 'propertyType', base: current, value: current === 'house' ? 'apartment' : 'house' },
          ]);
        }
        amendmentId = (await pending())!.amendmentId;
      }
      return {
        method: 'POST',
        url: recordUrl(world, object, `/amendments/${amendmentId}`),
        body: { decision: 'accept' },
      };
    },
  },
  'POST /api/staff/records/:recordId/amendments': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200),
    async prepare(world, _actor, object) {
      let amendmentIds: string[] = [crypto.randomUUID(), crypto.randomUUID()];
      if (object !== undefined && object !== 'missing') {
        const pending = async () =>
          (await world.stored(object))?.amendments.filter((amendment) => amendment.state === 'pending') ?? [];
        if ((await pending()).length < 2) {
          // Two frozen fields at once, decided together in one call.
          const type = await currentField(world, object, 'propertyType');
          const role = await currentField(world, object, 'applicantRole');
          await world.ownerSetFields(object, [
            { path: 'propertyType', base: type, value: type === 'house' ? 'apartment' : 'house' },
            { path: 'applicantRole', base: role, value: role === 'owner' ? 'coOwner' : 'owner' },
          ]);
        }
        amendmentIds = (await pending()).slice(0, 2).map((amendment) => amendment.amendmentId);
      }
      return {
        method: 'POST',
        url: recordUrl(world, object, '/amendments'),
        body: { decision: 'accept', amendmentIds },
      };
    },
  },
  'GET /api/uploads/:sha256': {
    perRecord: true,
    expect: OWNER_ONLY(200),
    prepare: probeUpload('GET', 'pending'),
    also: {
      'HEAD, photo stored': { expect: OWNER_ONLY(200), prepare: probeUpload('HEAD', 'arrived') },
      // The owner removed the photo row: the hash is nobody's to ask about any more.
      'photo row removed': { expect: OWNER_ONLY(UPLOAD_NOT_FOUND), prepare: probeUpload('GET', 'removed') },
    },
  },
  'PATCH /api/uploads/:sha256': {
    perRecord: true,
    expect: OWNER_ONLY(204),
    prepare: sendChunk('pending'),
    also: {
      'photo stored': { expect: OWNER_ONLY(204), prepare: sendChunk('arrived') },
      'photo row removed': { expect: OWNER_ONLY(UPLOAD_NOT_FOUND), prepare: sendChunk('removed') },
    },
  },
  'GET /api/staff/records/:recordId/photos/:photoId': {
    perRecord: true,
    expect: STAFF_ON_RECORD(200, RECORD_NOT_FOUND),
    prepare: readPhoto('arrived'),
    also: {
      'bytes not arrived': {
        expect: STAFF_ON_RECORD({ status: 404, error: 'photo.notUploaded' }, RECORD_NOT_FOUND),
        prepare: readPhoto('pending'),
      },
      'photo row removed': {
        expect: STAFF_ON_RECORD({ status: 404, error: 'photo.notFound' }, RECORD_NOT_FOUND),
        prepare: readPhoto('removed'),
      },
      // Bytes nobody can send (the upload route takes only a lowercase hex SHA-256) never arrive;
      // asking the store for them anyway must not read as the store failing (a 503 and an alarm).
      'hash no blob can have': {
        expect: STAFF_ON_RECORD({ status: 404, error: 'photo.notUploaded' }, RECORD_NOT_FOUND),
        prepare: readPhoto('badHash'),
      },
    },
  },
};

/** Tables a refusal may still write to, and why. */
function mayChange(route: string, expected: Outcome): readonly TableName[] {
  // A refused mutation's answer is stored so a retry gets the same one (exactly-once pushes).
  if (expected === 'rejected') return ['mutations', 'clients'];
  // A refused sign-in attempt is counted on purpose: that is what makes guessing expensive.
  if (route.startsWith('POST /api/auth/')) return ['rate_buckets'];
  return [];
}

/** Every call the matrix makes of one route: in each situation, as each actor, on each record. */
function callsOf(routeCase: RouteCase) {
  const situations: [string, Situation][] = [['', routeCase], ...Object.entries(routeCase.also ?? {})];
  return situations.flatMap(([situation, { expect: expectations, prepare }]) =>
    ACTORS.flatMap((actor) =>
      (routeCase.perRecord ? OBJECTS : [undefined]).map((object) => {
        const expectation = expectations[actor];
        const expected = isPerRecord(expectation) ? expectation[object as RecordObject] : expectation;
        return { situation, prepare, actor, object, expected };
      }),
    ),
  );
}

const ROUTES = listApiRoutes();

describe.each(BACKENDS)('route matrix on %s', (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld(kind);
  }, 60_000);

  afterAll(async () => {
    await world?.dispose();
  });

  it('knows every route of the router, and no route the router does not have', () => {
    expect(listApiRoutes(world.app).sort()).toEqual([...ROUTES].sort());
    expect(
      ROUTES.filter((route) => !(route in EXPECTED)),
      'routes without an expectation',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((route) => !ROUTES.includes(route)),
      'expectations without a route',
    ).toEqual([]);
  });

  it.each(ROUTES)(
    '%s',
    async (route) => {
      const routeCase = EXPECTED[route];
      if (routeCase === undefined) throw new Error(`${route} has no expectation: add it to EXPECTED`);
      for (const { situation, prepare, actor, object, expected } of callsOf(routeCase)) {
        const label = `${route}${situation === '' ? '' : ` (${situation})`} as ${actor}${object === undefined ? '' : ` on ${object}`}`;
        const person = world.person(actor);
        const spec = await prepare(world, actor, object);
        const before = await worldState(world);
        const send = () =>
          world.t.request(spec.url, {
            method: spec.method,
            ...(spec.body === undefined ? {} : { body: spec.body }),
            ...(spec.raw === undefined ? {} : { raw: spec.raw as Uint8Array<ArrayBuffer> }),
            cookie: spec.cookie ?? person?.cookie,
            ...(spec.headers === undefined ? {} : { headers: spec.headers }),
          });
        const response = await send();
        const text = await response.clone().text();
        // What a failure message shows of the answer (a photo's bytes would be noise).
        const said = response.headers.get('content-type')?.startsWith('image/')
          ? `<${text.length} characters of ${response.headers.get('content-type')}>`
          : text.slice(0, 500);
        const status =
          expected === 'rejected' ? 200 : typeof expected === 'object' ? expected.status : expected;

        if (expected === 'rejected') {
          expect.soft(response.status, `${label}: ${said}`).toBe(200);
          const results = response.status === 200 ? ((await response.json()) as PushResponse).results : [];
          expect
            .soft(
              results.every((result) => result.status === 'rejected'),
              `${label}: ${said}`,
            )
            .toBe(true);
        } else {
          expect.soft(response.status, `${label}: ${said}`).toBe(status);
          if (typeof expected === 'object' && spec.method !== 'HEAD') {
            const error = response.headers.get('content-type')?.includes('json')
              ? (JSON.parse(text) as { error?: unknown }).error
              : undefined;
            expect.soft(error, `${label}: ${said}`).toBe(expected.error);
          }
        }

        const after = await worldState(world);
        // Only a chunk sent to the upload route may add photo bytes.
        if (spec.method !== 'PATCH')
          expect.soft(after.blobFiles, `${label} wrote photo bytes`).toEqual(before.blobFiles);
        const refused = expected === 'rejected' || status >= 400;
        if (refused) {
          expect.soft(after.records, `${label} changed a record`).toEqual(before.records);
          const allowed = mayChange(route, expected);
          for (const table of Object.keys(before.counts) as TableName[]) {
            if (allowed.includes(table)) continue;
            expect.soft(after.counts[table], `${label} wrote to ${table}`).toBe(before.counts[table]);
          }
          expect.soft(after.held, `${label} changed the photo bytes held`).toEqual(before.held);
          expect.soft(after.blobFiles, `${label} wrote photo bytes`).toEqual(before.blobFiles);
          // Nor does a refusal say how much is held for a hash.
          expect.soft(response.headers.get('upload-offset'), label).toBeNull();
        } else {
          await spec.verify?.(response, label);
        }
        if (!refused && routeCase.unaudited) {
          expect.soft(after.counts, `${label} wrote a row`).toEqual(before.counts);
          expect.soft(after.records, `${label} changed a record`).toEqual(before.records);
        } else if (!refused && route.includes(' /api/staff/')) {
          expect
            .soft(after.counts.audit_log, `${label} left no audit row`)
            .toBeGreaterThan(before.counts.audit_log);
          if (object !== undefined && object !== 'missing') {
            const [newest] = await world.backend.identity.listAudit({
              recordId: world.recordIds[object],
              limit: 1,
            });
            expect.soft(newest?.actorUserId, `${label}: audit names the caller`).toBe(person?.user.userId);
          }
        }

        const sees = routeCase.sees?.[actor];
        if (sees !== undefined && routeCase.listed !== undefined && response.status === 200) {
          // PostgreSQL's pull may hold fresh rows back a moment while another transaction is open;
          // a record that is not theirs never turns up, however long this waits.
          const want = [...sees].sort();
          let shown = (await routeCase.listed(world, response)).sort();
          const deadline = Date.now() + 10_000;
          while (shown.join() !== want.join() && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            shown = (await routeCase.listed(world, await send())).sort();
          }
          expect.soft(shown, `${label} shows`).toEqual(want);
        }
      }
    },
    120_000,
  );
});
