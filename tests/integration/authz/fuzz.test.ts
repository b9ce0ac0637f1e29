import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_MAX_BYTES, SHA256_PATTERN } from '../../../src/server/blobs';
import { OFFSET_CONTENT_TYPE, UPLOAD_CHUNK_MAX_BYTES } from '../../../src/server/routes/uploads/uploads';
import { PROTOCOL_VERSION, PUSH_MAX_BYTES } from '../../../src/shared/protocol';
import { VALID_FIELDS } from '../fixtures';
import { createWorld, type Held, listApiRoutes, sha256Of, type World } from './authz-world';
import {
  BACKENDS,
  countRows,
  KYIV,
  type Person,
  PROTOCOL_HEADERS,
  STAFF_PASSWORD,
  type TableName,
} from './test-app';

// Every /api route from the router, with valid, mutated and malformed bodies, wrong content types
// and encodings, deep nesting, prototype keys, huge strings, malformed path parameters and wrong
// query strings, as a signed-in caseworker and as a signed-in citizen. Two properties: never a
// 5xx, and a refusal (4xx) writes no row anywhere (the audit log included: only successful reads
// and writes are audited). A route missing from FUZZ fails, so new routes are fuzzed too.
// The upload routes get chunks instead of JSON: any Upload-Offset and Upload-Length, content type,
// encoding, size and hash; a refusal there leaves every photo's bytes as they were.

type As = 'caseworker' | 'citizen';

interface FuzzRoute {
  /** A body the route accepts from someone (mutated below); none for GET. */
  readonly valid?: (world: World, as: As) => Record<string, unknown>;
  /** Valid query parameters, mutated below. */
  readonly query?: Readonly<Record<string, string>>;
  /** Extra headers the route reads (the pull's client and protocol headers). */
  readonly headers?: boolean;
  /** A resumable-upload chunk (Upload-* headers, raw bytes) instead of a JSON body. */
  readonly upload?: boolean;
}

const FUZZ: Readonly<Record<string, FuzzRoute>> = {
  'GET /api/health': {},
  'POST /api/sync/push': {
    valid: (world, as) => ({
      protocolVersion: PROTOCOL_VERSION,
      clientId: world.people[as === 'citizen' ? 'citizenA' : 'caseworkerX'].clientId,
      mutations: [
        {
          id: 1_000_000,
          type: 'record/setFields',
          recordId: world.recordIds.recordOfA,
          changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: 'вул. Нова' }],
        },
      ],
    }),
  },
  'GET /api/sync/pull': { query: { limit: '50', after: '' }, headers: true },
  'POST /api/auth/otp/request': { valid: () => ({ phone: '+380501234567' }) },
  'POST /api/auth/otp/verify': { valid: () => ({ phone: '+380501234567', code: '123456' }) },
  'POST /api/auth/staff/login': { valid: () => ({ login: 'cw.spare', password: STAFF_PASSWORD }) },
  'POST /api/auth/logout': { valid: () => ({}) },
  'POST /api/auth/sessions/revoke-all': { valid: () => ({}) },
  'GET /api/auth/me': {},
  'POST /api/auth/invites/redeem': { valid: () => ({ code: 'ABCDEFGHJK' }) },
  'POST /api/staff/invites': { valid: () => ({ oblast: KYIV }) },
  'GET /api/staff/records': {
    query: { service: 'damageReport', status: 'received', from: '2026-01-01', to: '2026-12-31', limit: '20' },
  },
  'GET /api/staff/export.csv': { query: { service: 'damageReport', status: 'received', from: '2026-01-01' } },
  'GET /api/staff/records/:recordId': {},
  'GET /api/staff/records/:recordId/photos': {},
  'GET /api/staff/records/:recordId/audit': {},
  'POST /api/staff/records/:recordId/assign': { valid: () => ({}) },
  'POST /api/staff/records/:recordId/status': { valid: () => ({ status: 'inReview', reason: 'Причина' }) },
  'POST /api/staff/records/:recordId/info-requests': { valid: () => ({ question: 'Додайте фото' }) },
  'POST /api/staff/records/:recordId/fields': {
    valid: () => ({ changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: 'вул. Нова' }] }),
  },
  'POST /api/staff/records/:recordId/amendments/:amendmentId': { valid: () => ({ decision: 'decline' }) },
  'POST /api/staff/records/:recordId/amendments': {
    valid: () => ({ decision: 'decline', amendmentIds: [crypto.randomUUID(), crypto.randomUUID()] }),
  },
  'GET /api/uploads/:sha256': { upload: true },
  'PATCH /api/uploads/:sha256': { upload: true },
  'GET /api/staff/records/:recordId/photos/:photoId': {},
};

const ROUTES = listApiRoutes();
const RUNS = 40;
/** The upload routes parse more of what they are sent (headers, raw bytes), so they get more tries. */
const UPLOAD_RUNS = 100;

const printable = (maxLength: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${maxLength}}$`));
const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;

interface Body {
  readonly body: string | Uint8Array;
  readonly type?: string;
  readonly encoding?: string;
}

function bodies(valid: Record<string, unknown>): fc.Arbitrary<Body> {
  const json = (value: unknown): Body => ({ body: JSON.stringify(value), type: 'application/json' });
  const keys = Object.keys(valid);
  const text = JSON.stringify(valid);
  const mutatedValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: 1, max: 8 }).map((kb) => 'я'.repeat(kb * 1024)),
    fc.constantFrom('', ' ', '\u0000', '<script>', '=1+1', '../../etc/passwd', -1, 1e308, null, [], {}),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(json(valid)) },
    keys.length === 0
      ? fc.constant(json({}))
      : fc
          .tuple(fc.constantFrom(...keys), mutatedValue)
          .map(([key, value]) => json({ ...valid, [key]: value })),
    // A key the route does not know: an owner, a role, a scope, or anything.
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(
            'userId',
            'ownerUserId',
            'kind',
            'role',
            'oblasts',
            'assignedTo',
            'status',
            'clientId',
          ),
          fc.string({ minLength: 1, maxLength: 12 }),
        ),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([key, value]) => json({ ...valid, [key]: value })),
    fc.jsonValue({ maxDepth: 4 }).map(json),
    fc.string({ maxLength: 200 }).map((body) => ({ body, type: 'application/json' })),
    fc.uint8Array({ maxLength: 200 }).map((body) => ({ body, type: 'application/json' })),
    fc
      .constantFrom(
        `{"__proto__":{"kind":"admin","oblasts":"all"},${text.slice(1)}`,
        `{"constructor":{"prototype":{"kind":"admin"}},${text.slice(1)}`,
        `${text.slice(0, -1)}${keys.length > 0 ? ',' : ''}"__proto__":{"isAdmin":true}}`,
        '{"a":{"b":{"__proto__":{"polluted":true}}}}',
        '{"__proto__":null}',
        '{"prototype":1}',
      )
      .map((body) => ({ body, type: 'application/json' })),
    fc
      .integer({ min: 10, max: 20_000 })
      .map((depth) => ({ body: nested(depth, '[', ']'), type: 'application/json' })),
    fc
      .integer({ min: 10, max: 5_000 })
      .map((depth) => ({ body: nested(depth, '{"a":', '}'), type: 'application/json' })),
    // Huge strings: under and over each route's limit (4 KB sign-in, 64 KB staff, 512 KB push).
    fc
      .constantFrom(2_000, 70_000, PUSH_MAX_BYTES + 10)
      .map((size) => json({ ...valid, [keys[0] ?? 'x']: 'z'.repeat(size) })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        'application/json; charset=latin1',
        undefined,
      )
      .map((type) => ({ body: text, ...(type === undefined ? {} : { type }) })),
    fc.constant({ body: '', type: 'application/json' }),
    fc.constant({ body: gzipSync(text), type: 'application/json', encoding: 'gzip' }),
    fc.constant({ body: 'not gzip', type: 'application/json', encoding: 'gzip' }),
    fc.constant({ body: text, type: 'application/json', encoding: 'br' }),
    fc.constant({ body: gzipSync(Buffer.alloc(2_000_000, 32)), type: 'application/json', encoding: 'gzip' }),
  );
}

/** A path parameter: a real record (in or out of scope), an unknown one, or garbage (raw or encoded). */
function recordParam(world: World): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(world.recordIds.recordOfA, world.recordIds.recordOfB) },
    fc.uuid().map(String),
    fc.string({ maxLength: 60 }).map(encodeURIComponent),
    fc.constantFrom(
      '%zz',
      '%E0%A4%A',
      '..%2f..%2fetc',
      '%00',
      'x'.repeat(5000),
      world.recordIds.recordOfA.toUpperCase(),
    ),
  );
}

function query(valid: Readonly<Record<string, string>> | undefined): fc.Arbitrary<string> {
  const encode = (entries: [string, string][]) =>
    entries.length === 0
      ? ''
      : `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  const validEntries = Object.entries(valid ?? {});
  const value = fc.oneof(
    printable(30),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('', '0', '-1', '1e9', '2026-02-30', 'received', 'closed', 'x'.repeat(3000)),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.subarray(validEntries).map(encode) },
    validEntries.length === 0
      ? fc.constant('')
      : fc
          .tuple(fc.subarray(validEntries), fc.constantFrom(...validEntries.map(([key]) => key)), value)
          .map(([entries, key, v]) => encode([...entries.filter(([k]) => k !== key), [key, v]])),
    fc
      .array(fc.tuple(fc.oneof(printable(10), fc.constantFrom('__proto__', 'constructor')), value), {
        maxLength: 4,
      })
      .map(encode),
    fc.constantFrom('?limit=1&limit=2', '?after=%zz', '?%', '?&&=&', '?status[]=received'),
  );
}

/**
 * A hash in the URL: mostly one of the citizen's own photos still on its way (where a chunk can
 * land), else someone else's photo, a stored or removed one, one nobody names, or no hash at all.
 */
function hashParam(world: World, own: readonly string[]): fc.Arbitrary<string> {
  const { recordOfA: a, recordOfB: b } = world.photos;
  const mine = own[0]!;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...own) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        a.arrived.sha256,
        a.removed.sha256,
        b.pending.sha256,
        b.arrived.sha256,
        world.unnamedHash,
      ),
    },
    fc.constantFrom(
      mine.toUpperCase(),
      mine.slice(0, 63),
      `${mine}0`,
      'g'.repeat(64),
      `..%2f..%2f${mine}`,
      '..%2f..%2fetc%2fpasswd',
      `partial%2f${mine}`,
      `..%2fpartial%2f${mine}`,
      `${mine.slice(0, 2)}%2f${mine.slice(2)}`,
      '%2e%2e',
      `${mine}%00`,
      `${mine}%20`,
      '%zz',
      'x'.repeat(5000),
    ),
    fc.string({ maxLength: 70 }).map(encodeURIComponent),
    fc.stringMatching(/^[0-9a-f]{64}$/),
  );
}

function photoParam(world: World): fc.Arbitrary<string> {
  const { recordOfA: a, recordOfB: b } = world.photos;
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        a.arrived.photoId,
        a.pending.photoId,
        a.removed.photoId,
        world.badHashPhotos.recordOfA.photoId,
        b.arrived.photoId,
        world.badHashPhotos.recordOfB.photoId,
      ),
    },
    fc.uuid().map(String),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.constantFrom('%zz', '..%2f..%2fblobs', a.arrived.photoId.toUpperCase(), a.arrived.sha256),
  );
}

const uploadNumber = fc.oneof(
  fc.integer({ min: -5, max: 300_000 }).map(String),
  fc.constantFrom(
    '',
    ' 0',
    '0 ',
    '-0',
    '+1',
    '1.5',
    '1e3',
    '0x10',
    'NaN',
    'Infinity',
    '00000000000',
    '9999999999',
    '99999999999',
    '18446744073709551616',
    String(BLOB_MAX_BYTES),
    String(BLOB_MAX_BYTES + 1),
  ),
  // A header sent twice reaches the route as both values joined.
  fc.tuple(fc.nat(70_000), fc.nat(70_000)).map(([first, second]) => `${first}, ${second}`),
  printable(20),
);

/** What goes in the body: the photo's own next bytes (plain or gzipped), other bytes, or none. */
type ChunkBody =
  | { readonly kind: 'next'; readonly size: number; readonly encoding?: string }
  | { readonly kind: 'rest' }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly encoding?: string }
  | { readonly kind: 'gzipNext'; readonly size: number };

const GZIP_BOMB = gzipSync(Buffer.alloc(2_000_000, 32));

/** Relative to what is held for the hash when sent: an offset off by one, a length a chunk overruns. */
interface NearHeld {
  readonly held: number;
}
const nearHeld = (min: number, max: number) => fc.integer({ min, max }).map((held): NearHeld => ({ held }));

const uploadInput = fc.record({
  offset: fc.oneof(
    { weight: 6, arbitrary: fc.constant<NearHeld>({ held: 0 }) },
    { weight: 2, arbitrary: nearHeld(-2, 2) },
    fc.constant(undefined),
    uploadNumber,
  ),
  // 'photo': the photo's real length.
  length: fc.oneof(
    { weight: 3, arbitrary: fc.constant('photo') },
    { weight: 3, arbitrary: nearHeld(-5, 9000) },
    fc.constant(undefined),
    uploadNumber,
  ),
  type: fc.oneof(
    { weight: 8, arbitrary: fc.constant(OFFSET_CONTENT_TYPE) },
    fc.constantFrom(
      `${OFFSET_CONTENT_TYPE}; charset=utf-8`,
      OFFSET_CONTENT_TYPE.toUpperCase(),
      'application/octet-stream',
      'image/jpeg',
      'application/json',
      'multipart/form-data; boundary=x',
      '',
      undefined,
    ),
    printable(40),
  ),
  body: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.integer({ min: 0, max: 8192 }).map((size): ChunkBody => ({ kind: 'next', size })),
    },
    fc.constant<ChunkBody>({ kind: 'rest' }),
    fc.uint8Array({ maxLength: 2000 }).map((bytes): ChunkBody => ({ kind: 'bytes', bytes })),
    fc.constant<ChunkBody>({ kind: 'bytes', bytes: new Uint8Array(0) }),
    fc
      .constantFrom(UPLOAD_CHUNK_MAX_BYTES + 1, 300_000)
      .map((size): ChunkBody => ({ kind: 'bytes', bytes: new Uint8Array(size) })),
    fc.integer({ min: 0, max: 8192 }).map((size): ChunkBody => ({ kind: 'gzipNext', size })),
    fc.constant<ChunkBody>({ kind: 'bytes', bytes: GZIP_BOMB, encoding: 'gzip' }),
    fc.constant<ChunkBody>({ kind: 'bytes', bytes: Buffer.from('not gzip'), encoding: 'gzip' }),
    fc
      .tuple(
        fc.integer({ min: 0, max: 8192 }),
        fc.oneof(fc.constantFrom('br', 'deflate', 'identity', 'x-gzip', 'GZIP', 'gzip, gzip'), printable(12)),
      )
      .map(([size, encoding]): ChunkBody => ({ kind: 'next', size, encoding })),
  ),
});

type UploadInput = typeof uploadInput extends fc.Arbitrary<infer T> ? T : never;

/** The headers and bytes of one fuzzed chunk, the markers filled in from what is held now. */
async function uploadRequest(
  world: World,
  photos: ReadonlyMap<string, Uint8Array>,
  sha256: string,
  given: UploadInput,
): Promise<{ headers: Record<string, string>; body: Uint8Array }> {
  const photo = photos.get(sha256);
  const held = SHA256_PATTERN.test(sha256) ? await world.blobs.offset(sha256) : 0;
  const own = photo ?? new Uint8Array(64_000);
  const headers: Record<string, string> = {};
  if (given.type !== undefined) headers['content-type'] = given.type;
  const header = (value: string | NearHeld) =>
    typeof value === 'string' ? value : String(held + value.held);
  if (given.offset !== undefined) headers['upload-offset'] = header(given.offset);
  if (given.length !== undefined)
    headers['upload-length'] = given.length === 'photo' ? String(own.byteLength) : header(given.length);
  const chunk = given.body;
  switch (chunk.kind) {
    case 'next':
      if (chunk.encoding !== undefined) headers['content-encoding'] = chunk.encoding;
      return { headers, body: own.subarray(held, held + chunk.size) };
    case 'rest':
      return { headers, body: own.subarray(held) };
    case 'gzipNext':
      headers['content-encoding'] = 'gzip';
      return { headers, body: gzipSync(own.subarray(held, held + chunk.size)) };
    case 'bytes':
      if (chunk.encoding !== undefined) headers['content-encoding'] = chunk.encoding;
      return { headers, body: chunk.bytes };
  }
}

/** Everything but the named hash's entries (files or held counts), to show that no other photo's moved. */
function withoutHash<T>(entries: Record<string, T>, sha256: string | undefined): Record<string, T> {
  if (sha256 === undefined) return entries;
  return Object.fromEntries(
    Object.entries(entries).filter(([key]) => !key.replace(/\W/g, '').includes(sha256)),
  );
}

const CLIENT_HEADER = fc.oneof(fc.uuid().map(String), printable(50));
const PROTOCOL = fc.oneof(fc.constant(String(PROTOCOL_VERSION)), printable(12));

describe.each(BACKENDS)('fuzzing every route on %s', (kind) => {
  let world: World;

  /** Citizen A's photos still on its way: the one every world has and more, so chunks keep landing after some complete. */
  let ownPending: string[];
  /** Every photo's bytes by hash, for chunks of the real thing. */
  let photoBytes: Map<string, Uint8Array>;

  /** People of each kind whose every session the fuzzed sign-out-everywhere may end. */
  let standIns: Record<As, Person>;

  beforeAll(async () => {
    world = await createWorld(kind);
    await world.t.createStaff('cw.stand-in', 'caseworker', [KYIV]);
    standIns = {
      citizen: await world.t.signInCitizen('+380509990001'),
      caseworker: await world.t.signInStaff('cw.stand-in'),
    };
    const added = await world.addPhotos('recordOfA', 6);
    ownPending = [world.photos.recordOfA.pending.sha256, ...added.map((photo) => photo.sha256)];
    const all = [...Object.values(world.photos).flatMap((photos) => Object.values(photos)), ...added];
    photoBytes = new Map(all.map((photo) => [photo.sha256, photo.bytes]));
  }, 60_000);

  afterAll(async () => {
    await world?.dispose();
  });

  it('fuzzes every route the router has', () => {
    expect(
      ROUTES.filter((route) => !(route in FUZZ)),
      'routes without a fuzz entry',
    ).toEqual([]);
  });

  for (const as of ['caseworker', 'citizen'] as const) {
    it.each(ROUTES)(
      `%s as a ${as}: never a 5xx, never a row on a 4xx`,
      async (route) => {
        const spec = FUZZ[route];
        if (spec === undefined) throw new Error(`${route} has no fuzz entry: add it to FUZZ`);
        const [method, pattern] = route.split(' ') as ['GET' | 'POST' | 'PATCH', string];
        const person = world.people[as === 'citizen' ? 'citizenA' : 'caseworkerX'];
        const input = fc.record({
          recordId: recordParam(world),
          amendmentId: fc.oneof(fc.uuid().map(String), fc.string({ maxLength: 40 }).map(encodeURIComponent)),
          sha256: hashParam(world, ownPending),
          photoId: photoParam(world),
          query: query(spec.query),
          body: spec.valid === undefined ? fc.constant(undefined) : bodies(spec.valid(world, as)),
          upload: spec.upload ? uploadInput : fc.constant(undefined),
          clientHeader: CLIENT_HEADER,
          protocol: PROTOCOL,
          otherMethod: fc.oneof(
            { weight: 9, arbitrary: fc.constant(undefined) },
            spec.upload
              ? fc.constantFrom('GET', 'HEAD', 'PATCH', 'PUT', 'POST', 'DELETE', 'OPTIONS')
              : fc.constantFrom('PUT', 'DELETE', 'PATCH'),
          ),
        });
        await fc.assert(
          fc.asyncProperty(input, async (given) => {
            const url =
              pattern
                .replace(':recordId', given.recordId)
                .replace(':amendmentId', given.amendmentId)
                .replace(':sha256', given.sha256)
                .replace(':photoId', given.photoId) + given.query;
            const sent = given.otherMethod ?? method;
            const headers: Record<string, string> = {};
            if (given.body?.type !== undefined) headers['content-type'] = given.body.type;
            if (given.body?.encoding !== undefined) headers['content-encoding'] = given.body.encoding;
            const chunk =
              given.upload && (await uploadRequest(world, photoBytes, given.sha256, given.upload));
            if (chunk) Object.assign(headers, chunk.headers);
            const body = chunk ? chunk.body : given.body?.body;
            if (spec.headers)
              Object.assign(headers, PROTOCOL_HEADERS(given.clientHeader), {
                'x-lastivka-protocol': given.protocol,
              });
            // Logging out spends the session, so it gets one of its own each time; signing out
            // everywhere spends all of them, so it is a stand-in of the same kind who signs out.
            const spender =
              route === 'POST /api/auth/sessions/revoke-all'
                ? standIns[as]
                : route === 'POST /api/auth/logout'
                  ? person
                  : undefined;
            const cookie =
              spender === undefined
                ? person.cookie
                : `lastivka_session=${(await world.t.auth.sessions.createSession(spender.user.userId, null)).token}`;
            const before = await countRows(world.backend);
            const heldBefore = await world.held();
            const filesBefore = world.blobFiles();
            const response = await world.t.request(url, {
              method: sent,
              cookie,
              headers,
              ...(body === undefined || sent === 'GET' || sent === 'HEAD' ? {} : { raw: body as BodyInit }),
            });
            const text = await response.text();
            const said = `${route} as ${sent} → ${response.status} ${text.slice(0, 200)}`;
            expect(response.status, said).toBeLessThan(500);
            if (response.status < 400) {
              // Only a chunk can add bytes, and only to the photo it names.
              const chunkSent = spec.upload && sent === 'PATCH';
              const hash = chunkSent ? given.sha256 : undefined;
              expect(withoutHash(world.blobFiles(), hash), `${said} wrote photo bytes`).toEqual(
                withoutHash(filesBefore, hash),
              );
              return;
            }
            // A chunk whose bytes turn out not to match their hash is discarded whole, on purpose:
            // the phone starts that photo again. Nothing else a refusal does touches any photo.
            const discarded = response.status === 422 && text.includes('upload.hashMismatch');
            const heldNow: Record<string, Held> = discarded
              ? { ...heldBefore, [given.sha256]: { offset: 0, has: false } }
              : heldBefore;
            expect(await world.held(), `${said} changed the photo bytes held`).toEqual(heldNow);
            const filesNow = discarded ? withoutHash(filesBefore, given.sha256) : filesBefore;
            expect(world.blobFiles(), `${said} changed photo files`).toEqual(filesNow);
            const after = await countRows(world.backend);
            // A refused sign-in attempt is counted on purpose (rate limits); nothing else may change.
            const counted: readonly TableName[] = route.startsWith('POST /api/auth/') ? ['rate_buckets'] : [];
            for (const table of Object.keys(before) as TableName[]) {
              if (!counted.includes(table))
                expect(after[table], `${route} → ${response.status} wrote to ${table}`).toBe(before[table]);
            }
          }),
          { numRuns: spec.upload ? UPLOAD_RUNS : RUNS },
        );
      },
      120_000,
    );
  }

  it('keeps every stored photo whole: its bytes hash to its name', async () => {
    for (const sha256 of world.hashes) {
      const stream = await world.blobs.read(sha256);
      if (stream === undefined) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(sha256Of(Buffer.concat(chunks)), sha256).toBe(sha256);
    }
  });

  it('leaves Object.prototype alone', () => {
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
