import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalDatabase, openLocalDatabase } from '../../../src/local/database/local-database';
import {
  pendingUploadBytes,
  photoUploadProgress,
  UPLOAD_CHUNK_BYTES,
  uploadGate,
  uploadPendingPhotos,
} from '../../../src/local/photos';
import { RetryableSyncError } from '../../../src/local/sync/sync-errors';
import { deliver, deliveredReportWithPhotos, FakeServer, sha256Of } from '../support/fake-upload-server';

const opened: LocalDatabase[] = [];

function freshDatabase(): LocalDatabase {
  const db = openLocalDatabase(`lastivka-uploads-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('photo uploads', () => {
  it('waits for the record’s text: nothing travels for a draft or an unaccepted record', async () => {
    const db = freshDatabase();
    const photo = randomBytes(1000);
    const server = new FakeServer();
    server.known.add(sha256Of(photo));
    await deliveredReportWithPhotos(db, [photo]);
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({
      sent: 0,
      paused: false,
    });
    expect(server.log).toEqual([]);
  });

  it('sends photos in 64 KB chunks, marks each sent, and counts sent / total', async () => {
    const db = freshDatabase();
    const photos = [randomBytes(150_000), randomBytes(3000)];
    const server = new FakeServer();
    for (const photo of photos) server.known.add(sha256Of(photo));
    const record = await deliveredReportWithPhotos(db, photos);
    await deliver(db, record.id);
    expect(await pendingUploadBytes(db)).toBe(153_000);

    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({
      sent: 2,
      paused: false,
    });
    expect(server.complete.size).toBe(2);
    expect(server.log.filter((method) => method === 'PATCH')).toHaveLength(
      Math.ceil(150_000 / UPLOAD_CHUNK_BYTES) + 1,
    );
    expect(await photoUploadProgress(db, record.id)).toEqual({ sent: 2, total: 2, bytesPending: 0 });
    expect(await pendingUploadBytes(db)).toBe(0);
    // Sent photos are not asked about again.
    server.log.length = 0;
    await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch });
    expect(server.log).toEqual([]);
  });

  it('resumes from the offset the server holds after a drop, re-sending nothing it has', async () => {
    const db = freshDatabase();
    const photo = randomBytes(200_000);
    const sha = sha256Of(photo);
    const server = new FakeServer();
    server.known.add(sha);
    server.loseAnswerOnPatch = 2;
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);

    await expect(uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).rejects.toBeInstanceOf(
      RetryableSyncError,
    );
    expect(server.partial.get(sha)?.byteLength).toBe(2 * UPLOAD_CHUNK_BYTES);
    expect((await photoUploadProgress(db, record.id)).sent).toBe(0);

    server.dropOnPatch = 4;
    await expect(uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).rejects.toBeInstanceOf(
      RetryableSyncError,
    );
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({
      sent: 1,
      paused: false,
    });
    expect(server.complete.has(sha)).toBe(true);
    expect(server.received.get(sha)).toBe(photo.byteLength);
  });

  it('sends nothing for a photo the server already holds (the same picture on another report)', async () => {
    const db = freshDatabase();
    const photo = randomBytes(70_000);
    const sha = sha256Of(photo);
    const server = new FakeServer();
    server.known.add(sha);
    server.complete.add(sha);
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({
      sent: 1,
      paused: false,
    });
    expect(server.log).toEqual(['HEAD']);
    expect(server.received.get(sha)).toBeUndefined();
  });

  it('starts again from zero once after a hash mismatch, and refuses the photo after a second', async () => {
    const db = freshDatabase();
    const photo = randomBytes(5000);
    const sha = sha256Of(photo);
    const server = new FakeServer();
    server.known.add(sha);
    server.corruptNext = true;
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({
      sent: 1,
      paused: false,
    });
    expect(server.received.get(sha)).toBe(2 * photo.byteLength);

    const other = randomBytes(5000);
    const otherSha = sha256Of(other);
    server.known.add(otherSha);
    const second = await deliveredReportWithPhotos(freshDatabase(), [other]);
    expect(second.id).toBeTruthy();
    const db2 = opened.at(-1)!;
    await deliver(db2, second.id);
    server.corruptNext = true;
    const originalFetch = server.fetch;
    // Every completion corrupted: the photo is refused for good instead of looping.
    const alwaysCorrupt = (input: RequestInfo | URL, init?: RequestInit) => {
      server.corruptNext = true;
      return originalFetch(input, init);
    };
    expect(await uploadPendingPhotos(db2, { baseUrl: '', fetch: alwaysCorrupt })).toEqual({
      sent: 0,
      paused: false,
    });
    const [entry] = await db2.photos.toArray();
    expect(entry?.uploadRefused).toBe('upload.422');
    expect(await pendingUploadBytes(db2)).toBe(0);
  });

  it('waits when the server does not know the photo yet (404) and tries on a later round', async () => {
    const db = freshDatabase();
    const photo = randomBytes(1000);
    const server = new FakeServer();
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({
      sent: 0,
      paused: false,
    });
    server.known.add(sha256Of(photo));
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({
      sent: 1,
      paused: false,
    });
  });
});

describe('upload gate', () => {
  it('keeps photos for Wi-Fi when the person chose so and the link says cellular; asks under Save-Data', () => {
    expect(uploadGate('wifiOnly', { type: 'cellular' }, false)).toBe('waitForWifi');
    expect(uploadGate('wifiOnly', { type: 'wifi' }, false)).toBe('go');
    expect(uploadGate('any', { type: 'cellular' }, false)).toBe('go');
    // No connection type (desktop, Safari): the choice cannot be checked, so photos go.
    expect(uploadGate('wifiOnly', undefined, false)).toBe('go');
    expect(uploadGate('any', { type: 'wifi', saveData: true }, false)).toBe('askSaveData');
    expect(uploadGate('any', { type: 'wifi', saveData: true }, true)).toBe('go');
  });
});
