import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type LocalDatabase,
  openLocalDatabase,
  pushOutbox,
  RetryableSyncError,
  saveDraft,
  submitRecord,
} from '../../../src/local';
import { DATABASE_NAME } from '../../../src/local/database/database-name';
import { META_CLIENT_ID, META_SIGN_IN_REQUIRED } from '../../../src/local/database/meta-keys';
import { profileDatabaseName } from '../../../src/local/database/profile-database-name';
import {
  ACTIVE_PROFILE_KEY,
  KEYVAL_DATABASE,
  KEYVAL_STORE,
  PROFILES_KEY,
} from '../../../src/local/database/profile-keys';
import {
  addPhoto,
  META_PHOTO_UPLOAD_POLICY,
  META_PHOTO_UPLOADS_PAUSED,
  type PhotoEntry,
  UPLOAD_CHUNK_BYTES,
  uploadPendingPhotos,
} from '../../../src/local/photos';
import type { LocalRecord } from '../../../src/local/records/local-record';
import { PUSH_MAX_MUTATIONS } from '../../../src/shared/protocol';
import { chooseActiveProfile } from '../../../sw/active-profile';
import { choosePhotosToSend, photoSendingAllowed } from '../../../sw/photos-to-send';
import { openExistingDatabase } from '../../../sw/read-only-database';
import { sendWithoutPage } from '../../../sw/send-without-page';
import { FakeSyncServer, json } from '../support/fake-sync-server';
import { FakeServer, sha256Of } from '../support/fake-upload-server';
import { VALID_REPORT } from '../support/local-fixtures';

// Each test has its own IndexedDB, as a phone has: the service worker finds the database by name.
let factory: IDBFactory;
const opened: LocalDatabase[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function phoneDatabase(name = DATABASE_NAME): LocalDatabase {
  factory = new IDBFactory();
  const db = openLocalDatabase(name, factory);
  opened.push(db);
  return db;
}

/** The sync API and the upload API behind one fetch, as the service worker sees the origin. */
function serverPair() {
  const sync = new FakeSyncServer();
  const uploads = new FakeServer();
  const order: string[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    order.push(`${init?.method ?? 'GET'} ${path.split('/').slice(0, 3).join('/')}`);
    return path.startsWith('/api/uploads/') ? uploads.fetch(input, init) : sync.transport.fetch(input, init);
  }) as typeof globalThis.fetch;
  return { sync, uploads, order, transport: { baseUrl: sync.transport.baseUrl, fetch } };
}

const noConnectionInfo = () => undefined;

async function queueReports(db: LocalDatabase, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const draft = await saveDraft(db, {
      service: 'damageReport',
      data: { ...VALID_REPORT, description: `${VALID_REPORT.description} №${index + 1}` },
    });
    if (!(await submitRecord(db, draft.id)).ok) throw new Error('fixture is invalid');
    ids.push(draft.id);
  }
  return ids;
}

async function reportWithPhoto(db: LocalDatabase, bytes: Uint8Array, submit = true): Promise<string> {
  const draft = await saveDraft(db, { service: 'damageReport', data: { ...VALID_REPORT } });
  await addPhoto(db, draft.id, {
    sha256: sha256Of(bytes),
    width: 1600,
    height: 1200,
    bytes: bytes.byteLength,
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
    thumbnail: new Blob([bytes.slice(0, 10)], { type: 'image/jpeg' }),
  });
  if (submit && !(await submitRecord(db, draft.id)).ok) throw new Error('fixture is invalid');
  return draft.id;
}

/** Everything the phone keeps, photos without their bytes: to show the service worker wrote nothing. */
async function everything(db: LocalDatabase) {
  return {
    records: await db.records.toArray(),
    outbox: await db.outbox.toArray(),
    meta: await db.meta.toArray(),
    photos: (await db.photos.toArray()).map(({ blob, thumbnail, ...entry }) => ({
      ...entry,
      blob: blob.size,
      thumbnail: thumbnail.size,
    })),
  };
}

describe('sending from the service worker with no page open', () => {
  it('walks the outbox by position in the data worker’s batches, writes nothing, and the replay records it all once', async () => {
    const db = phoneDatabase();
    const recordIds = await queueReports(db, PUSH_MAX_MUTATIONS + 20);
    const before = await everything(db);
    const { sync, transport } = serverPair();

    await sendWithoutPage(transport, noConnectionInfo, factory);

    const pushes = sync.pushes.map((request) => request.push!);
    expect(pushes.map((push) => push.mutations.length)).toEqual([PUSH_MAX_MUTATIONS, 20]);
    const sentIds = pushes.flatMap((push) => push.mutations.map((mutation) => mutation.id));
    expect(sentIds).toEqual(before.outbox.map((entry) => entry.mutationId));
    const clientId = before.meta.find((entry) => entry.key === META_CLIENT_ID)?.value;
    expect(pushes.every((push) => push.clientId === clientId && push.protocolVersion === 2)).toBe(true);
    expect(sync.pushes.every((request) => request.headers['x-lastivka-request'] === '1')).toBe(true);
    expect(sync.pushes.every((request) => request.headers['content-encoding'] === 'gzip')).toBe(true);
    expect(sync.applied).toHaveLength(recordIds.length);
    expect(await everything(db)).toEqual(before);

    // The app opens: its worker sends the same entries, gets the stored answers and records them.
    await pushOutbox(db, sync.transport);
    expect(sync.applied).toHaveLength(recordIds.length);
    expect(await db.outbox.count()).toBe(0);
    expect(new Set((await db.records.toArray()).map((record) => record.state))).toEqual(
      new Set(['delivered']),
    );
  });

  it('stops without a retry when only the person can help, and rejects for a retry when the link or the server fails', async () => {
    const db = phoneDatabase();
    await queueReports(db, 2);
    await reportWithPhoto(db, randomBytes(1000));
    const before = await everything(db);

    for (const status of [401, 403, 426, 413]) {
      const { sync, order, transport } = serverPair();
      sync.faults.push({ kind: 'respond', response: () => json(status, { error: 'refused' }) });
      await sendWithoutPage(transport, noConnectionInfo, factory);
      expect(order).toEqual(['POST /api/sync']);
      expect(sync.applied).toEqual([]);
    }
    for (const fault of [
      { kind: 'network' } as const,
      { kind: 'respond', response: () => json(503, { error: 'store.unavailable' }) } as const,
      { kind: 'respond', response: () => json(429, { error: 'rate.limited' }) } as const,
      { kind: 'respond', response: () => new Response('<html>Wi-Fi login</html>') } as const,
    ]) {
      const { sync, order, transport } = serverPair();
      sync.faults.push(fault);
      await expect(sendWithoutPage(transport, noConnectionInfo, factory)).rejects.toBeInstanceOf(
        RetryableSyncError,
      );
      expect(order).toEqual(['POST /api/sync']);
    }
    // Not even the sign-in flag the data worker would set: the page finds out for itself.
    expect(await everything(db)).toEqual(before);
    expect(before.meta.some((entry) => entry.key === META_SIGN_IN_REQUIRED)).toBe(false);
  });

  it('sends the photos of records the server holds after the text, marking nothing; the app’s HEAD then finds them complete', async () => {
    const db = phoneDatabase();
    const { sync, uploads, order, transport } = serverPair();
    const earlier = randomBytes(3000);
    const queued = randomBytes(2 * UPLOAD_CHUNK_BYTES + 500);
    const drafted = randomBytes(2000);
    for (const bytes of [earlier, queued, drafted]) uploads.known.add(sha256Of(bytes));
    // Delivered while the app was open: its text left the outbox, its photo did not travel yet.
    await reportWithPhoto(db, earlier);
    await pushOutbox(db, sync.transport);
    await reportWithPhoto(db, queued);
    await reportWithPhoto(db, drafted, false);
    const before = await everything(db);

    await sendWithoutPage(transport, noConnectionInfo, factory);

    expect(uploads.complete).toEqual(new Set([sha256Of(earlier), sha256Of(queued)]));
    expect(uploads.received.get(sha256Of(queued))).toBe(queued.byteLength);
    expect(order[0]).toBe('POST /api/sync');
    expect(order.filter((request) => request === 'POST /api/sync')).toHaveLength(1);
    expect(await everything(db)).toEqual(before);

    // The app opens: the replay records the text, and one HEAD per photo marks it sent.
    await pushOutbox(db, sync.transport);
    uploads.log.length = 0;
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: uploads.fetch })).toEqual({
      sent: 2,
      paused: false,
    });
    expect(uploads.log).toEqual(['HEAD', 'HEAD']);
  });

  it('leaves photos for later while the person has paused them, from the next chunk when paused mid-photo', async () => {
    const db = phoneDatabase();
    const { uploads, order, transport } = serverPair();
    const photo = randomBytes(3 * UPLOAD_CHUNK_BYTES);
    uploads.known.add(sha256Of(photo));
    await reportWithPhoto(db, photo);
    await db.meta.put({ key: META_PHOTO_UPLOADS_PAUSED, value: true });

    await sendWithoutPage(transport, noConnectionInfo, factory);
    expect(order).toEqual(['POST /api/sync']);

    // Resumed; then paused in another tab while the first chunk is on the wire.
    await db.meta.delete(META_PHOTO_UPLOADS_PAUSED);
    const pausingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await transport.fetch(input, init);
      if (init?.method === 'PATCH') await db.meta.put({ key: META_PHOTO_UPLOADS_PAUSED, value: true });
      return response;
    }) as typeof fetch;
    await sendWithoutPage({ ...transport, fetch: pausingFetch }, noConnectionInfo, factory);
    expect(uploads.log).toEqual(['HEAD', 'PATCH']);
  });

  it('leaves photos for Wi-Fi when the person chose it and the link is mobile data', async () => {
    const db = phoneDatabase();
    const { uploads, order, transport } = serverPair();
    const photo = randomBytes(1000);
    uploads.known.add(sha256Of(photo));
    await reportWithPhoto(db, photo);
    await db.meta.put({ key: META_PHOTO_UPLOAD_POLICY, value: 'wifiOnly' });

    await sendWithoutPage(transport, () => ({ type: 'cellular' }), factory);
    expect(order).toEqual(['POST /api/sync']);
    await sendWithoutPage(transport, () => ({ type: 'wifi' }), factory);
    expect(uploads.complete).toEqual(new Set([sha256Of(photo)]));
  });

  it('sends the active profile’s outbox only, and opens no database that is not there', async () => {
    const db = phoneDatabase(profileDatabaseName('ab12cd34'));
    await queueReports(db, 1);
    const other = openLocalDatabase(DATABASE_NAME, factory);
    opened.push(other);
    await queueReports(other, 2);
    await keyval(factory, {
      [PROFILES_KEY]: [
        { id: 'default', label: 'Олена' },
        { id: 'ab12cd34', label: 'Тарас' },
      ],
      [ACTIVE_PROFILE_KEY]: 'ab12cd34',
    });
    const { sync, transport } = serverPair();
    await sendWithoutPage(transport, noConnectionInfo, factory);
    expect(sync.pushes.map((request) => request.push!.mutations.length)).toEqual([1]);

    // A phone where the app never saved anything: nothing is sent and no database appears.
    factory = new IDBFactory();
    const empty = serverPair();
    await sendWithoutPage(empty.transport, noConnectionInfo, factory);
    expect(empty.order).toEqual([]);
    expect(await factory.databases()).toEqual([]);
    // Where databases() is missing, the open's upgrade is aborted instead.
    const withoutList = { open: factory.open.bind(factory) } as IDBFactory;
    expect(await openExistingDatabase(DATABASE_NAME, withoutList)).toBeUndefined();
    expect(await factory.databases()).toEqual([]);
  });
});

describe('what the service worker chooses by itself', () => {
  it('takes the remembered profile only while it is on the list', () => {
    const both = [{ id: 'default' }, { id: 'ab12cd34' }];
    expect(chooseActiveProfile(both, 'ab12cd34')).toBe('ab12cd34');
    expect(chooseActiveProfile([{ id: 'default' }], 'ab12cd34')).toBe('default');
    expect(chooseActiveProfile(undefined, 'ab12cd34')).toBe('default');
    expect(chooseActiveProfile(both, undefined)).toBe('default');
    expect(chooseActiveProfile(undefined, 'default')).toBe('default');
  });

  it('sends photos unless paused, on Wi-Fi only over another link, or with Save-Data on', () => {
    expect(photoSendingAllowed(undefined, undefined, undefined)).toBe(true);
    expect(photoSendingAllowed(true, 'any', { type: 'wifi' })).toBe(false);
    expect(photoSendingAllowed(undefined, 'wifiOnly', { type: 'cellular' })).toBe(false);
    expect(photoSendingAllowed(undefined, 'wifiOnly', { type: 'wifi' })).toBe(true);
    // No connection type (most desktop browsers): Wi-Fi cannot be told apart, as in the data worker.
    expect(photoSendingAllowed(undefined, 'wifiOnly', {})).toBe(true);
    expect(photoSendingAllowed(undefined, 'any', { type: 'cellular' })).toBe(true);
    // Save-Data waits for the person's yes, which nobody can give with no page open.
    expect(photoSendingAllowed(undefined, 'any', { saveData: true })).toBe(false);
  });

  it('chooses unsent photos of records the server holds, oldest first', () => {
    const photo = (id: string, recordId: string, addedAt: string, extra: Partial<PhotoEntry> = {}) =>
      ({ id, recordId, addedAt, ...extra }) as PhotoEntry;
    const record = (id: string, extra: Partial<LocalRecord>) => ({ id, ...extra }) as LocalRecord;
    const photos = [
      photo('late', 'accepted-now', '2026-03-01T10:05:00.000Z'),
      photo('early', 'accepted-before', '2026-03-01T10:01:00.000Z'),
      photo('sent', 'accepted-before', '2026-03-01T10:00:00.000Z', {
        uploadedAt: '2026-03-01T11:00:00.000Z',
      }),
      photo('refused', 'accepted-before', '2026-03-01T10:00:00.000Z', { uploadRefused: 'upload.413' }),
      photo('waiting', 'queued', '2026-03-01T10:00:00.000Z'),
      photo('draft', 'draft', '2026-03-01T10:00:00.000Z'),
    ];
    const records = [
      record('accepted-now', { state: 'queued' }),
      record('accepted-before', { state: 'delivered', acceptedAt: '2026-03-01T10:02:00.000Z' }),
      record('queued', { state: 'queued' }),
      record('draft', { state: 'draft', acceptedAt: '2026-03-01T10:02:00.000Z' }),
      undefined,
    ];
    expect(choosePhotosToSend(photos, records, new Set(['accepted-now'])).map((entry) => entry.id)).toEqual([
      'early',
      'late',
    ]);
  });
});

/** What the page's idb-keyval writes (profiles-model.ts), written the way idb-keyval does. */
async function keyval(into: IDBFactory, values: Record<string, unknown>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = into.open(KEYVAL_DATABASE);
    request.onupgradeneeded = () => request.result.createObjectStore(KEYVAL_STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction(KEYVAL_STORE, 'readwrite');
    for (const [key, value] of Object.entries(values)) transaction.objectStore(KEYVAL_STORE).put(value, key);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  db.close();
}
