import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../../src/server/app';
import { createAuth } from '../../../src/server/auth';
import { type BlobStore, openFileBlobStore } from '../../../src/server/blobs';
import type { IdentityStore } from '../../../src/server/identity-store';
import type { Store } from '../../../src/server/store/store';
import type { FieldValue } from '../../../src/shared/record';
import { LVIV_DAMAGE_FIELDS, submitMutation, VALID_FIELDS } from '../fixtures';
import {
  type Backend,
  countRows,
  createTestApp,
  KYIV,
  LVIV,
  memoryLog,
  openBackend,
  type Person,
  SECRET,
  type TableName,
  type TestApp,
} from './test-app';

// The people and records the route matrix and the fuzz tests act with: citizen A with a damage
// report in oblast X (Kyiv), citizen B with one in oblast Y (Lviv), a volunteer (invited by the
// caseworker of X) who collected one for somebody else in X, a caseworker of each oblast and an
// administrator. Each record carries three photo rows: one whose bytes have all arrived, one still
// on its way (part of it held, or none yet), and one the owner removed after its bytes arrived;
// and a fourth whose hash no blob can have.

export const ACTORS = [
  'anonymous',
  'citizenA',
  'citizenB',
  'volunteer',
  'caseworkerX',
  'caseworkerY',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

/** Records by whose they are; `missing` is an id nobody has used. */
export const OBJECTS = ['recordOfA', 'recordOfB', 'recordOfVolunteer', 'missing'] as const;
export type RecordObject = (typeof OBJECTS)[number];
export type OwnedObject = Exclude<RecordObject, 'missing'>;
export const OWNED_OBJECTS: readonly OwnedObject[] = ['recordOfA', 'recordOfB', 'recordOfVolunteer'];

export const PHOTO_STATES = ['arrived', 'pending', 'removed'] as const;
export type PhotoState = (typeof PHOTO_STATES)[number];

export interface Photo {
  readonly photoId: string;
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

/** The matrix sends pending photos in chunks of this size; one chunk is held at the start, or none. */
export const PHOTO_CHUNK_BYTES = 4096;
const PENDING_HELD_AT_START: Readonly<Record<OwnedObject, number>> = {
  recordOfA: PHOTO_CHUNK_BYTES,
  recordOfB: 0,
  recordOfVolunteer: PHOTO_CHUNK_BYTES,
};
const PHOTO_SIZES: Readonly<Record<PhotoState, number>> = {
  arrived: 20_000,
  pending: 64_000,
  removed: 8_000,
};

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function newPhoto(state: PhotoState): Photo {
  const bytes = randomBytes(PHOTO_SIZES[state]);
  return { photoId: crypto.randomUUID(), sha256: sha256Of(bytes), bytes };
}

/** The photo rows of a record as the phone writes them (a removed row keeps its hash). */
function photoFields(photos: Readonly<Record<PhotoState, Photo>>): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const state of PHOTO_STATES) {
    const { photoId, sha256, bytes } = photos[state];
    fields[`photos/${photoId}/_exists`] = state !== 'removed';
    fields[`photos/${photoId}/sha256`] = sha256;
    fields[`photos/${photoId}/bytes`] = bytes.byteLength;
  }
  return fields;
}

/** Bytes held for one hash, as the blob store answers. */
export interface Held {
  readonly offset: number;
  readonly has: boolean;
}

export interface World {
  readonly backend: Backend;
  readonly t: TestApp;
  readonly app: Hono;
  readonly people: Readonly<Record<Exclude<Actor, 'anonymous'>, Person>>;
  readonly recordIds: Readonly<Record<RecordObject, string>>;
  readonly references: Readonly<Record<OwnedObject, string>>;
  readonly owners: Readonly<Record<OwnedObject, Person>>;
  readonly photos: Readonly<Record<OwnedObject, Readonly<Record<PhotoState, Photo>>>>;
  /**
   * A live photo row per record whose "hash" is no SHA-256 (nothing checks the phone's photo rows):
   * a path out of the blob folder, a stored photo's hash in capitals, words.
   */
  readonly badHashPhotos: Readonly<
    Record<OwnedObject, { readonly photoId: string; readonly sha256: string }>
  >;
  /** A well-formed hash no record names. */
  readonly unnamedHash: string;
  /** Every hash the world knows (the photos' and the unnamed one, and any added later). */
  readonly hashes: readonly string[];
  readonly blobs: BlobStore;
  /** What the blob store holds for each of `hashes`. */
  held(): Promise<Record<string, Held>>;
  /** Every file under the blob store's folder with its size: any write anywhere shows here. */
  blobFiles(): Record<string, number>;
  /** A caseworker nobody else uses, for the sign-in routes. */
  readonly spareStaffLogin: string;
  person(actor: Actor): Person | null;
  /** The stored record, everything hanging off it included. */
  stored(object: OwnedObject): ReturnType<Store['getRecord']>;
  /** Writes as the record's owner straight into the store (setup, outside the request under test). */
  ownerSetFields(
    object: OwnedObject,
    changes: { path: string; base: FieldValue; value: FieldValue }[],
  ): Promise<void>;
  /** New photo rows on the record, none of their bytes sent yet (the owner attaching more). */
  addPhotos(object: OwnedObject, count: number): Promise<Photo[]>;
  dispose(): Promise<void>;
}

export async function createWorld(kind: Backend['kind']): Promise<World> {
  const backend = await openBackend(kind);
  const blobDir = mkdtempSync(path.join(tmpdir(), `lastivka-authz-blobs-${kind}-`));
  const blobs = await openFileBlobStore(blobDir);
  const t = await createTestApp(backend, { blobs });
  await t.createStaff('cw.x', 'caseworker', [KYIV]);
  await t.createStaff('cw.y', 'caseworker', [LVIV]);
  await t.createStaff('admin', 'admin');
  await t.createStaff('cw.spare', 'caseworker', [KYIV]);
  const caseworkerX = await t.signInStaff('cw.x');
  const people = {
    citizenA: await t.signInCitizen('+380501110001'),
    citizenB: await t.signInCitizen('+380501110002'),
    volunteer: await t.inviteVolunteer('+380501110003', caseworkerX),
    caseworkerX,
    caseworkerY: await t.signInStaff('cw.y'),
    admin: await t.signInStaff('admin'),
  };

  const submitted = async (person: Person, fields: Record<string, FieldValue>) => {
    const mutation = submitMutation(t.nextMutationId(person), { fields: { ...fields } });
    const response = await t.pushOk(person, [mutation]);
    if (response.results[0]?.status !== 'applied') throw new Error('setup submission was not applied');
    return mutation;
  };
  const photosOf = (): Record<PhotoState, Photo> => ({
    arrived: newPhoto('arrived'),
    pending: newPhoto('pending'),
    removed: newPhoto('removed'),
  });
  const photos = { recordOfA: photosOf(), recordOfB: photosOf(), recordOfVolunteer: photosOf() };
  const badHashPhotos = {
    recordOfA: { photoId: crypto.randomUUID(), sha256: `../partial/${photos.recordOfA.pending.sha256}` },
    recordOfB: { photoId: crypto.randomUUID(), sha256: photos.recordOfB.arrived.sha256.toUpperCase() },
    recordOfVolunteer: { photoId: crypto.randomUUID(), sha256: 'not a hash' },
  };
  const allPhotoFields = (object: OwnedObject) => {
    const { photoId, sha256 } = badHashPhotos[object];
    return {
      ...photoFields(photos[object]),
      [`photos/${photoId}/_exists`]: true,
      [`photos/${photoId}/sha256`]: sha256,
      [`photos/${photoId}/bytes`]: 1000,
    };
  };
  const ofA = await submitted(people.citizenA, { ...VALID_FIELDS, ...allPhotoFields('recordOfA') });
  const ofB = await submitted(people.citizenB, { ...LVIV_DAMAGE_FIELDS, ...allPhotoFields('recordOfB') });
  // Collected for somebody else: the subject's identity is in the record, the volunteer owns it.
  const ofVolunteer = await submitted(people.volunteer, {
    ...VALID_FIELDS,
    surname: 'Бондаренко',
    givenName: 'Галина',
    ...allPhotoFields('recordOfVolunteer'),
  });

  // Bytes put straight into the store (setup, not the requests under test).
  for (const object of OWNED_OBJECTS) {
    for (const state of ['arrived', 'removed'] as const) {
      const { sha256, bytes } = photos[object][state];
      const appended = await blobs.append(sha256, 0, bytes);
      if (!appended.ok || !(await blobs.complete(sha256))) throw new Error('setup photo not stored');
    }
    const pending = photos[object].pending;
    const held = PENDING_HELD_AT_START[object];
    if (held > 0 && !(await blobs.append(pending.sha256, 0, pending.bytes.subarray(0, held))).ok)
      throw new Error('setup partial not stored');
  }
  const unnamedHash = sha256Of(randomBytes(32));
  const hashes = [
    ...OWNED_OBJECTS.flatMap((object) => PHOTO_STATES.map((state) => photos[object][state].sha256)),
    unnamedHash,
  ];

  const recordIds = {
    recordOfA: ofA.recordId,
    recordOfB: ofB.recordId,
    recordOfVolunteer: ofVolunteer.recordId,
    missing: crypto.randomUUID(),
  };
  const owners = {
    recordOfA: people.citizenA,
    recordOfB: people.citizenB,
    recordOfVolunteer: people.volunteer,
  };
  // Setup writes go through a device of the owner's own, so they never disturb the mutation ids
  // the requests under test use.
  const setupDevices = new Map<string, { clientId: string; next: number }>();

  const world: World = {
    backend,
    t,
    app: t.app,
    people,
    recordIds,
    references: {
      recordOfA: ofA.reference,
      recordOfB: ofB.reference,
      recordOfVolunteer: ofVolunteer.reference,
    },
    owners,
    photos,
    badHashPhotos,
    unnamedHash,
    hashes,
    blobs,
    async held() {
      const entries = await Promise.all(
        hashes.map(async (sha256) => [
          sha256,
          { offset: await blobs.offset(sha256), has: await blobs.has(sha256) },
        ]),
      );
      return Object.fromEntries(entries) as Record<string, Held>;
    },
    blobFiles() {
      const files: Record<string, number> = {};
      for (const entry of readdirSync(blobDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        files[path.relative(blobDir, file)] = statSync(file).size;
      }
      return files;
    },
    spareStaffLogin: 'cw.spare',
    person: (actor) => (actor === 'anonymous' ? null : people[actor]),
    stored: (object) => backend.store.getRecord(recordIds[object], 'all'),
    async ownerSetFields(object, changes) {
      const owner = owners[object];
      const device = setupDevices.get(owner.user.userId) ?? { clientId: crypto.randomUUID(), next: 0 };
      device.next += 1;
      setupDevices.set(owner.user.userId, device);
      const outcome = await backend.store.applyPush(
        {
          clientId: device.clientId,
          userId: owner.user.userId,
          mutations: [{ id: device.next, type: 'record/setFields', recordId: recordIds[object], changes }],
        },
        new Date(),
      );
      if (!outcome.ok || outcome.response.results[0]?.status === 'rejected')
        throw new Error(`setup write refused: ${JSON.stringify(outcome)}`);
    },
    async addPhotos(object, count) {
      const added = Array.from({ length: count }, () => newPhoto('pending'));
      const changes = added.flatMap(({ photoId, sha256, bytes }) => [
        { path: `photos/${photoId}/_exists`, base: null, value: true },
        { path: `photos/${photoId}/sha256`, base: null, value: sha256 },
        { path: `photos/${photoId}/bytes`, base: null, value: bytes.byteLength },
      ]);
      await world.ownerSetFields(object, changes);
      hashes.push(...added.map((photo) => photo.sha256));
      return added;
    },
    async dispose() {
      await backend.dispose();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
  return world;
}

/**
 * What nothing-changed compares: every table's row count, every record with all it carries, and
 * the photo bytes held (per hash as the blob store tells it, and as files on disk).
 */
export interface WorldState {
  readonly counts: Record<TableName, number>;
  readonly records: Record<OwnedObject, string>;
  readonly held: Record<string, Held>;
  readonly blobFiles: Record<string, number>;
}

export async function worldState(world: World): Promise<WorldState> {
  const records = {} as Record<OwnedObject, string>;
  const stored = await Promise.all(OWNED_OBJECTS.map((object) => world.stored(object)));
  OWNED_OBJECTS.forEach((object, i) => {
    records[object] = JSON.stringify(stored[i]);
  });
  return {
    counts: await countRows(world.backend),
    records,
    held: await world.held(),
    blobFiles: world.blobFiles(),
  };
}

/**
 * The /api routes the router knows, as `METHOD /path` (middleware and the catch-all 404 left
 * out), read from an app built on stand-in stores: registering routes touches no database.
 */
export function listApiRoutes(app?: Hono): string[] {
  const built =
    app ??
    createApp({
      store: {} as Store,
      log: memoryLog(),
      auth: createAuth({
        store: {} as IdentityStore,
        secret: SECRET,
        sms: { send: () => Promise.resolve() },
        log: memoryLog(),
      }),
      blobs: {} as BlobStore,
    });
  const routes = built.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(routes)];
}
