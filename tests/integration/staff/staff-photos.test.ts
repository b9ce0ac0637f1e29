import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { type BlobStore, openFileBlobStore } from '../../../src/server/blobs';
import type { FieldValue } from '../../../src/shared/record';
import {
  BACKENDS,
  type Backend,
  createTestApp,
  KYIV,
  memoryLog,
  ORIGIN,
  openBackend,
  type Person,
  type TestApp,
} from '../authz/test-app';
import { newId, submitMutation, VALID_FIELDS } from '../fixtures';

interface PhotoView {
  readonly id: string;
  readonly arrived: boolean;
  readonly bytes: number | null;
  readonly takenAt?: string;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(BACKENDS)('which photos of a record have arrived, on %s', (kind) => {
  let backend: Backend;
  let t: TestApp;
  /** The same sign-in as `t.app`, with a blob store: the upload and staff photo routes exist here. */
  let app: Hono;
  let blobs: BlobStore;
  let blobDir: string;
  let citizen: Person;
  let caseworker: Person;

  beforeEach(async () => {
    backend = await openBackend(kind);
    t = await createTestApp(backend);
    blobDir = mkdtempSync(path.join(tmpdir(), 'lastivka-staff-photos-'));
    blobs = await openFileBlobStore(blobDir);
    app = createApp({ store: backend.store, log: memoryLog(), auth: t.auth, blobs });
    citizen = await t.signInCitizen('+380501234567');
    await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
    caseworker = await t.signInStaff('o.petrenko');
  });

  afterEach(async () => {
    await backend.dispose();
    rmSync(blobDir, { recursive: true, force: true });
  });

  /** A damage report whose photo rows are written as given, in this order; answers its id. */
  async function reportWithPhotoRows(rows: Record<string, Record<string, FieldValue>>): Promise<string> {
    const fields: Record<string, FieldValue> = { ...VALID_FIELDS };
    for (const [photoId, row] of Object.entries(rows)) {
      for (const [field, value] of Object.entries(row)) fields[`photos/${photoId}/${field}`] = value;
    }
    const mutation = submitMutation(t.nextMutationId(citizen), { fields: fields as typeof VALID_FIELDS });
    const pushed = await t.pushOk(citizen, [mutation]);
    expect(pushed.results[0]).toMatchObject({ status: 'applied' });
    return mutation.recordId;
  }

  /** What the phone writes for a photo (src/local/photos/add-photo.ts). */
  const photoRow = (bytes: Uint8Array, takenAt: string) => ({
    _exists: true,
    sha256: sha256Of(bytes),
    width: 1600,
    height: 1200,
    bytes: bytes.byteLength,
    takenAt,
  });

  /** The chunk [from, to) of a photo through the real upload route, as the phone's data worker sends it. */
  const upload = (bytes: Uint8Array, from: number, to: number) =>
    app.request(`/api/uploads/${sha256Of(bytes)}`, {
      method: 'PATCH',
      headers: {
        cookie: citizen.cookie,
        origin: ORIGIN,
        'x-lastivka-request': '1',
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(from),
        'upload-length': String(bytes.byteLength),
      },
      body: bytes.subarray(from, to) as Uint8Array<ArrayBuffer>,
    });

  async function photosOf(recordId: string, on = app): Promise<PhotoView[]> {
    const response = await on.request(`/api/staff/records/${recordId}`, {
      headers: { cookie: caseworker.cookie },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { photos: PhotoView[] }).photos;
  }

  /** The light photo list the record page polls while photos are on their way. */
  async function listedPhotos(recordId: string, on = app): Promise<PhotoView[]> {
    const response = await on.request(`/api/staff/records/${recordId}/photos`, {
      headers: { cookie: caseworker.cookie },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { photos: PhotoView[] };
    expect(Object.keys(body)).toEqual(['photos']);
    return body.photos;
  }

  const auditRowsOf = async (recordId: string) => (await backend.identity.listAudit({ recordId })).length;

  const photoRoute = (recordId: string, photoId: string) =>
    app.request(`/api/staff/records/${recordId}/photos/${photoId}`, {
      headers: { cookie: caseworker.cookie },
    });

  it('says arrived only once the upload is complete, when the photo route serves the bytes', async () => {
    const first = randomBytes(30_000);
    const second = randomBytes(12_000);
    const firstId = newId();
    const secondId = newId();
    // The later picture is written first: the view orders by when each was taken, not by map order.
    const recordId = await reportWithPhotoRows({
      [secondId]: photoRow(second, '2026-11-28T14:07:00.000Z'),
      [firstId]: photoRow(first, '2026-11-28T14:05:00.000Z'),
    });

    expect(await photosOf(recordId)).toEqual([
      { id: firstId, arrived: false, bytes: 30_000, takenAt: '2026-11-28T14:05:00.000Z' },
      { id: secondId, arrived: false, bytes: 12_000, takenAt: '2026-11-28T14:07:00.000Z' },
    ]);
    const early = await photoRoute(recordId, firstId);
    expect(early.status).toBe(404);
    expect(((await early.json()) as { error: string }).error).toBe('photo.notUploaded');

    // Half of it on the server is not arrived: the console could not show it yet.
    expect((await upload(first, 0, 15_000)).status).toBe(204);
    expect((await photosOf(recordId)).map((photo) => photo.arrived)).toEqual([false, false]);

    const rest = await upload(first, 15_000, first.byteLength);
    expect(rest.headers.get('upload-complete')).toBe('?1');
    const photos = await photosOf(recordId);
    expect(photos.map((photo) => [photo.id, photo.arrived])).toEqual([
      [firstId, true],
      [secondId, false],
    ]);
    // The view names photos by id only; their hashes are not repeated in it.
    expect(JSON.stringify(photos)).not.toContain(sha256Of(first));

    const served = await photoRoute(recordId, firstId);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256Of(new Uint8Array(await served.arrayBuffer()))).toBe(sha256Of(first));
    expect(((await (await photoRoute(recordId, secondId)).json()) as { error: string }).error).toBe(
      'photo.notUploaded',
    );
  });

  it('lists the photos as the record view does, before and after an upload, with no audit row', async () => {
    const first = randomBytes(30_000);
    const second = randomBytes(12_000);
    const firstId = newId();
    const secondId = newId();
    const recordId = await reportWithPhotoRows({
      [secondId]: photoRow(second, '2026-11-28T14:07:00.000Z'),
      [firstId]: photoRow(first, '2026-11-28T14:05:00.000Z'),
    });
    const before = [
      { id: firstId, arrived: false, bytes: 30_000, takenAt: '2026-11-28T14:05:00.000Z' },
      { id: secondId, arrived: false, bytes: 12_000, takenAt: '2026-11-28T14:07:00.000Z' },
    ];
    expect(await listedPhotos(recordId)).toEqual(before);
    expect(await listedPhotos(recordId)).toEqual(await photosOf(recordId));

    expect((await upload(first, 0, 15_000)).status).toBe(204);
    expect(await listedPhotos(recordId)).toEqual(before);
    expect((await upload(first, 15_000, first.byteLength)).headers.get('upload-complete')).toBe('?1');
    const after = await listedPhotos(recordId);
    expect(after).toEqual([{ ...before[0], arrived: true }, before[1]]);
    expect(after).toEqual(await photosOf(recordId));
    expect(JSON.stringify(after)).not.toContain(sha256Of(first));

    expect((await upload(second, 0, second.byteLength)).status).toBe(204);
    expect((await listedPhotos(recordId)).map((photo) => photo.arrived)).toEqual([true, true]);

    // The record reads above are audited, one row each; the list's asks add none.
    const audited = await auditRowsOf(recordId);
    expect(audited).toBe(2);
    await listedPhotos(recordId);
    await listedPhotos(recordId);
    expect(await auditRowsOf(recordId)).toBe(audited);
    expect(await listedPhotos(await reportWithPhotoRows({}))).toEqual([]);
  });

  it('says not arrived when the server has no blob store, however the bytes stand', async () => {
    const bytes = randomBytes(5_000);
    const photoId = newId();
    const recordId = await reportWithPhotoRows({ [photoId]: photoRow(bytes, '2026-11-28T14:05:00.000Z') });
    await upload(bytes, 0, bytes.byteLength);
    expect(await photosOf(recordId, app)).toMatchObject([{ id: photoId, arrived: true }]);
    expect(await photosOf(recordId, t.app)).toEqual([
      { id: photoId, arrived: false, bytes: 5_000, takenAt: '2026-11-28T14:05:00.000Z' },
    ]);
    expect(await listedPhotos(recordId, t.app)).toEqual(await photosOf(recordId, t.app));
  });

  it('shows the record with its photos as not arrived while the photo store fails, and says so in the log', async () => {
    const photoId = newId();
    const recordId = await reportWithPhotoRows({
      [photoId]: photoRow(randomBytes(100), '2026-11-28T14:05:00.000Z'),
    });
    const log = memoryLog();
    const failing: BlobStore = { ...blobs, has: () => Promise.reject(new Error('disk unreadable')) };
    const outage = createApp({ store: backend.store, log, auth: t.auth, blobs: failing });
    expect(await photosOf(recordId, outage)).toMatchObject([{ id: photoId, arrived: false }]);
    expect(log.lines).toContainEqual(expect.objectContaining({ event: 'blobs.unavailable' }));
  });

  it('lists no removed photo, and reads a malformed photo row without failing the record', async () => {
    const removed = newId();
    const odd = newId();
    const recordId = await reportWithPhotoRows({
      [removed]: { ...photoRow(randomBytes(100), '2026-11-28T14:05:00.000Z'), _exists: false },
      [odd]: { _exists: true, sha256: 'not a hash', bytes: 'many', takenAt: 'yesterday' },
    });
    expect(await photosOf(recordId)).toEqual([{ id: odd, arrived: false, bytes: null }]);
    expect(await photosOf(await reportWithPhotoRows({}))).toEqual([]);
  });
});
