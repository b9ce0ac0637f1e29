import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalDatabase, openLocalDatabase } from '../../../src/local/database/local-database';
import {
  pausePhotoUploads,
  pendingUploadBytes,
  photoUploadItems,
  photoUploadsPaused,
  resumePhotoUploads,
  UPLOAD_CHUNK_BYTES,
  type UploadRun,
  uploadPendingPhotos,
  uploadPhoto,
} from '../../../src/local/photos';
import { deliver, deliveredReportWithPhotos, FakeServer, sha256Of } from '../support/fake-upload-server';

const opened: LocalDatabase[] = [];

function openDatabase(name = `lastivka-pause-${crypto.randomUUID()}`): LocalDatabase {
  const db = openLocalDatabase(name);
  opened.push(db);
  return db;
}

afterEach(async () => {
  // Several handles share a database here (another tab, a restarted worker): all closed before deleting.
  const handles = opened.splice(0);
  for (const db of handles) db.close();
  for (const name of new Set(handles.map((db) => db.name))) await Dexie.delete(name);
});

const transportOf = (server: FakeServer) => ({ baseUrl: '', fetch: server.fetch });

/** A hanging request that the pause failed to cut would otherwise just time the test out. */
function settledSoon(run: Promise<UploadRun>): Promise<UploadRun> {
  return Promise.race([
    run,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the upload was still running 1 s after the pause')), 1000),
    ),
  ]);
}

/** One delivered record with one 200 KB photo, paused while its second chunk is on the wire. */
async function pausedMidPhoto() {
  const db = openDatabase();
  const photo = randomBytes(200_000);
  const sha = sha256Of(photo);
  const server = new FakeServer();
  server.known.add(sha);
  server.hangOnPatch = 2;
  const record = await deliveredReportWithPhotos(db, [photo]);
  await deliver(db, record.id);
  const run = uploadPendingPhotos(db, transportOf(server));
  await server.hung;
  await pausePhotoUploads(db);
  return { db, photo, sha, server, record, outcome: await settledSoon(run) };
}

describe('pausing photo uploads', () => {
  it('cuts the chunk in flight at once, reports a pause (not a failure), and leaves the photo resumable', async () => {
    const { db, photo, sha, server, outcome } = await pausedMidPhoto();

    // Resolved, not rejected: the scheduler sees no network failure and starts no backoff.
    expect(outcome).toEqual({ sent: 0, paused: true });
    expect(server.partial.get(sha)?.byteLength).toBe(UPLOAD_CHUNK_BYTES);
    const [entry] = await db.photos.toArray();
    expect(entry?.uploadedAt).toBeUndefined();
    expect(entry?.uploadRefused).toBeUndefined();
    expect(entry?.uploadedBytes).toBe(UPLOAD_CHUNK_BYTES);
    expect(await pendingUploadBytes(db)).toBe(photo.byteLength - UPLOAD_CHUNK_BYTES);
  });

  it('answers «paused», not a network error, for one photo whose signal aborts mid-chunk', async () => {
    const db = openDatabase();
    const photo = randomBytes(100_000);
    const server = new FakeServer();
    server.known.add(sha256Of(photo));
    server.hangOnPatch = 1;
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    const [entry] = await db.photos.toArray();
    const controller = new AbortController();

    const result = uploadPhoto(db, transportOf(server), entry!, { signal: controller.signal });
    await server.hung;
    controller.abort();
    expect(await result).toBe('paused');
  });

  it('sends nothing at all while paused, whatever runs', async () => {
    const db = openDatabase();
    const photo = randomBytes(100_000);
    const server = new FakeServer();
    server.known.add(sha256Of(photo));
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    await pausePhotoUploads(db);

    expect(await uploadPendingPhotos(db, transportOf(server))).toEqual({ sent: 0, paused: true });
    expect(await uploadPendingPhotos(db, transportOf(server))).toEqual({ sent: 0, paused: true });
    expect(server.log).toEqual([]);
  });

  it('stops before the next chunk when another tab of the same profile pauses', async () => {
    const name = `lastivka-pause-${crypto.randomUUID()}`;
    const db = openDatabase(name);
    // The other tab's worker: the same database, but none of this worker's uploads to abort.
    const otherTab = openDatabase(name);
    const photo = randomBytes(300_000);
    const server = new FakeServer();
    server.known.add(sha256Of(photo));
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    const fetchThenPauseElsewhere: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      if (init?.method === 'PATCH') await pausePhotoUploads(otherTab);
      return response;
    };

    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: fetchThenPauseElsewhere })).toEqual({
      sent: 0,
      paused: true,
    });
    expect(server.patchOffsets).toEqual([0]);
  });

  it('resumes from the offset the server holds, sending no byte twice', async () => {
    const { db, photo, sha, server } = await pausedMidPhoto();
    server.log.length = 0;
    server.patchOffsets.length = 0;

    await resumePhotoUploads(db);
    expect(await uploadPendingPhotos(db, transportOf(server))).toEqual({ sent: 1, paused: false });
    expect(server.log[0]).toBe('HEAD');
    expect(server.patchOffsets).toEqual([UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES, 3 * UPLOAD_CHUNK_BYTES]);
    expect(server.complete.has(sha)).toBe(true);
    expect(server.received.get(sha)).toBe(photo.byteLength);
    expect(await pendingUploadBytes(db)).toBe(0);
  });

  it('keeps the pause in the profile’s database: it outlives a restarted worker, and other profiles go on', async () => {
    const name = `lastivka-pause-${crypto.randomUUID()}`;
    const db = openDatabase(name);
    const otherProfile = openDatabase();
    const photo = randomBytes(10_000);
    const server = new FakeServer();
    server.known.add(sha256Of(photo));
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    await pausePhotoUploads(db);
    db.close();

    // A new worker (after a reload) opens the same database afresh.
    const restarted = openDatabase(name);
    expect(await photoUploadsPaused(restarted)).toBe(true);
    expect(await photoUploadsPaused(otherProfile)).toBe(false);
    expect(await uploadPendingPhotos(restarted, transportOf(server))).toEqual({ sent: 0, paused: true });
    expect(server.log).toEqual([]);

    await resumePhotoUploads(restarted);
    expect(await photoUploadsPaused(openDatabase(name))).toBe(false);
    expect(await uploadPendingPhotos(restarted, transportOf(server))).toEqual({ sent: 1, paused: false });
  });
});

describe('progress per photo', () => {
  it('lists each photo in attach order with the bytes the server holds', async () => {
    const db = openDatabase();
    const photos = [randomBytes(3000), randomBytes(150_000), randomBytes(5000), randomBytes(4000)];
    const server = new FakeServer();
    for (const photo of photos) server.known.add(sha256Of(photo));
    // The first photo whole, the second's first chunk, then the link drops.
    server.dropOnPatch = 3;
    const record = await deliveredReportWithPhotos(db, photos);
    await deliver(db, record.id);
    const ids = (await photoUploadItems(db, record.id)).map((item) => item.photoId);
    const [, , , refusedId] = ids;
    await db.photos.update(refusedId!, { uploadRefused: 'upload.415' });

    await expect(uploadPendingPhotos(db, transportOf(server))).rejects.toThrow();

    expect(await photoUploadItems(db, record.id)).toEqual([
      { photoId: ids[0], bytes: 3000, uploadedBytes: 3000, state: 'sent' },
      { photoId: ids[1], bytes: 150_000, uploadedBytes: UPLOAD_CHUNK_BYTES, state: 'partial' },
      { photoId: ids[2], bytes: 5000, uploadedBytes: 0, state: 'queued' },
      { photoId: refusedId, bytes: 4000, uploadedBytes: 0, state: 'refused' },
    ]);
    // Attach order is the record's, whatever order the rows come out of the database in.
    const stored = await db.photos.where('recordId').equals(record.id).toArray();
    expect(ids).toEqual(
      stored
        .sort(
          (a, b) =>
            photos.findIndex((p) => sha256Of(p) === a.sha256) -
            photos.findIndex((p) => sha256Of(p) === b.sha256),
        )
        .map((entry) => entry.id),
    );
  });
});
