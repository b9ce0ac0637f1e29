import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalDatabase, openLocalDatabase } from '../../../src/local/database/local-database';
import {
  addPhoto,
  pendingUploadBytes,
  photoUploadProgress,
  UPLOAD_CHUNK_BYTES,
  uploadGate,
  uploadPendingPhotos,
} from '../../../src/local/photos';
import { saveDraft } from '../../../src/local/records/save-draft';
import { RetryableSyncError } from '../../../src/local/sync/sync-errors';

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

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The server's upload semantics in memory (HEAD offset, PATCH at exactly the offset or 409, hash
 * checked at Upload-Length), with the faults a thin link brings.
 */
class FakeServer {
  readonly partial = new Map<string, Uint8Array>();
  readonly complete = new Set<string>();
  readonly known = new Set<string>();
  /** Bytes taken per hash, to prove nothing was sent twice. */
  readonly received = new Map<string, number>();
  readonly log: string[] = [];
  /** Throw like a dropped connection on this PATCH (1-based count), once. */
  dropOnPatch: number | undefined;
  /** The server takes the chunk but the answer is lost (the phone sees a network error). */
  loseAnswerOnPatch: number | undefined;
  /** Flip a byte in the next completed upload. */
  corruptNext = false;
  private patches = 0;

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const sha = String(input).split('/').at(-1)!;
    const method = init.method ?? 'GET';
    this.log.push(method);
    if (!this.known.has(sha)) return new Response(null, { status: 404 });
    const held = () => (this.complete.has(sha) ? -1 : (this.partial.get(sha)?.byteLength ?? 0));
    if (method === 'HEAD') {
      const headers = this.complete.has(sha)
        ? { 'upload-offset': '1', 'upload-complete': '?1' }
        : { 'upload-offset': String(held()), 'upload-complete': '?0' };
      return new Response(null, { status: 200, headers });
    }
    this.patches += 1;
    if (this.dropOnPatch === this.patches) throw new TypeError('Failed to fetch');
    const headers = new Headers(init.headers);
    if (this.complete.has(sha))
      return new Response(null, { status: 204, headers: { 'upload-complete': '?1' } });
    const offset = Number(headers.get('upload-offset'));
    const length = Number(headers.get('upload-length'));
    if (offset !== held()) {
      return new Response(null, { status: 409, headers: { 'upload-offset': String(held()) } });
    }
    const chunk = new Uint8Array(await (init.body as Blob).arrayBuffer());
    const next = new Uint8Array(offset + chunk.byteLength);
    next.set(this.partial.get(sha) ?? new Uint8Array(0));
    next.set(chunk, offset);
    this.received.set(sha, (this.received.get(sha) ?? 0) + chunk.byteLength);
    this.partial.set(sha, next);
    if (this.loseAnswerOnPatch === this.patches) throw new TypeError('Failed to fetch');
    if (next.byteLength < length) {
      return new Response(null, { status: 204, headers: { 'upload-offset': String(next.byteLength) } });
    }
    if (this.corruptNext) {
      this.corruptNext = false;
      next[0] = (next[0]! + 1) % 256;
    }
    this.partial.delete(sha);
    if (sha256Of(next) !== sha) return new Response('{"error":"upload.hashMismatch"}', { status: 422 });
    this.complete.add(sha);
    return new Response(null, {
      status: 204,
      headers: { 'upload-offset': String(next.byteLength), 'upload-complete': '?1' },
    });
  };
}

async function deliveredReportWithPhotos(db: LocalDatabase, photos: Uint8Array[]) {
  const record = await saveDraft(db, { service: 'damageReport', data: { description: 'Дах' } });
  for (const bytes of photos) {
    await addPhoto(db, record.id, {
      sha256: sha256Of(bytes),
      width: 1600,
      height: 1200,
      bytes: bytes.byteLength,
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
      thumbnail: new Blob([bytes.slice(0, 10)], { type: 'image/jpeg' }),
    });
  }
  return record;
}

async function deliver(db: LocalDatabase, recordId: string) {
  await db.records.update(recordId, { state: 'delivered', acceptedAt: '2026-03-01T10:00:00.000Z' });
}

describe('photo uploads', () => {
  it('waits for the record’s text: nothing travels for a draft or an unaccepted record', async () => {
    const db = freshDatabase();
    const photo = randomBytes(1000);
    const server = new FakeServer();
    server.known.add(sha256Of(photo));
    await deliveredReportWithPhotos(db, [photo]);
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({ sent: 0 });
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

    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({ sent: 2 });
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
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({ sent: 1 });
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
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({ sent: 1 });
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
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({ sent: 1 });
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
    expect(await uploadPendingPhotos(db2, { baseUrl: '', fetch: alwaysCorrupt })).toEqual({ sent: 0 });
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
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({ sent: 0 });
    server.known.add(sha256Of(photo));
    expect(await uploadPendingPhotos(db, { baseUrl: '', fetch: server.fetch })).toEqual({ sent: 1 });
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
