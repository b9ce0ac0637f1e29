import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { type BlobStore, openFileBlobStore } from '../../../src/server/blobs';
import {
  type Backend,
  createTestApp,
  KYIV,
  LVIV,
  memoryLog,
  ORIGIN,
  openBackend,
  type Person,
  type TestApp,
} from '../authz/test-app';
import { newId, VALID_FIELDS } from '../fixtures';
import { submitReportWithPhoto } from './report-with-photo';

let backend: Backend;
let t: TestApp;
let app: Hono;
let blobs: BlobStore;
let blobDir: string;
let citizen: Person;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const CSRF = { origin: ORIGIN, 'x-lastivka-request': '1' };

beforeEach(async () => {
  backend = await openBackend('sqlite');
  t = await createTestApp(backend);
  blobDir = mkdtempSync(path.join(tmpdir(), 'lastivka-blobs-'));
  blobs = await openFileBlobStore(blobDir);
  // The same sign-in as the test app (its sessions work here), with the blob store wired in.
  app = createApp({ store: backend.store, log: memoryLog(), auth: t.auth, blobs });
  citizen = await t.signInCitizen('+380501234567');
});

afterEach(async () => {
  await backend.dispose();
  rmSync(blobDir, { recursive: true, force: true });
});

const reportWithPhoto = (sha256: string, as = citizen, fields: Record<string, unknown> = VALID_FIELDS) =>
  submitReportWithPhoto(t, as, sha256, fields);

const head = (sha256: string, as: Person = citizen) =>
  app.request(`/api/uploads/${sha256}`, { method: 'HEAD', headers: { cookie: as.cookie } });

function patch(
  sha256: string,
  offset: number,
  chunk: Uint8Array,
  length: number,
  options: { as?: Person; headers?: Record<string, string> } = {},
) {
  return app.request(`/api/uploads/${sha256}`, {
    method: 'PATCH',
    headers: {
      cookie: (options.as ?? citizen).cookie,
      ...CSRF,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'upload-length': String(length),
      ...options.headers,
    },
    body: chunk as Uint8Array<ArrayBuffer>,
  });
}

describe('resumable uploads', () => {
  it('takes a photo in chunks, tells the offset held, and completes when the hash matches', async () => {
    const photo = randomBytes(150_000);
    const sha = sha256Of(photo);
    await reportWithPhoto(sha);

    let answer = await head(sha);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('upload-offset')).toBe('0');
    expect(answer.headers.get('upload-complete')).toBe('?0');

    answer = await patch(sha, 0, photo.subarray(0, 65_536), photo.length);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('upload-offset')).toBe('65536');

    answer = await head(sha);
    expect(answer.headers.get('upload-offset')).toBe('65536');

    // A lost answer: the phone sends the first chunk again and learns where the server is.
    answer = await patch(sha, 0, photo.subarray(0, 65_536), photo.length);
    expect(answer.status).toBe(409);
    expect(answer.headers.get('upload-offset')).toBe('65536');

    answer = await patch(sha, 65_536, photo.subarray(65_536), photo.length);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('upload-complete')).toBe('?1');
    expect(answer.headers.get('upload-offset')).toBe(String(photo.length));
    expect(await blobs.has(sha)).toBe(true);
    expect(blobs.received.get(sha)).toBe(photo.length);
    expect(readdirSync(path.join(blobDir, sha.slice(0, 2)))).toEqual([sha.slice(2)]);
    expect(readdirSync(path.join(blobDir, 'partial'))).toEqual([]);

    answer = await head(sha);
    expect(answer.headers.get('upload-complete')).toBe('?1');
    expect(answer.headers.get('upload-offset')).toBe(String(photo.length));
  });

  it('refuses chunks over 256 KB and photos over 2 MB with 413', async () => {
    const photo = randomBytes(300 * 1024);
    const sha = sha256Of(photo);
    await reportWithPhoto(sha);
    expect((await patch(sha, 0, photo, photo.length)).status).toBe(413);
    expect((await patch(sha, 0, photo.subarray(0, 1024), 3 * 1024 * 1024)).status).toBe(413);
    expect(await blobs.offset(sha)).toBe(0);
  });

  it('discards bytes whose SHA-256 does not match (422) so the phone can start again', async () => {
    const photo = randomBytes(10_000);
    const sha = sha256Of(photo);
    await reportWithPhoto(sha);
    const corrupt = Uint8Array.from(photo);
    corrupt[5] = (corrupt[5]! + 1) % 256;
    const answer = await patch(sha, 0, corrupt, corrupt.length);
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { error: string }).error).toBe('upload.hashMismatch');
    expect(await blobs.has(sha)).toBe(false);
    expect(await blobs.offset(sha)).toBe(0);
    expect((await patch(sha, 0, photo, photo.length)).headers.get('upload-complete')).toBe('?1');
  });

  it('answers 404 for a hash none of the caller’s records names, even when someone else’s does', async () => {
    const photo = randomBytes(1000);
    const sha = sha256Of(photo);
    await reportWithPhoto(sha);
    const other = await t.signInCitizen('+380671112233');
    expect((await head(sha, other)).status).toBe(404);
    expect((await patch(sha, 0, photo, photo.length, { as: other })).status).toBe(404);
    expect(await blobs.offset(sha)).toBe(0);
    // Staff do not upload, and without a session there is nothing.
    await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
    const caseworker = await t.signInStaff('o.petrenko');
    expect((await head(sha, caseworker)).status).toBe(403);
    expect((await app.request(`/api/uploads/${sha}`, { method: 'HEAD' })).status).toBe(401);
  });

  it('stores the same photo once: a second report (or person) with it sends nothing', async () => {
    const photo = randomBytes(5000);
    const sha = sha256Of(photo);
    await reportWithPhoto(sha);
    await reportWithPhoto(sha);
    expect((await patch(sha, 0, photo, photo.length)).headers.get('upload-complete')).toBe('?1');
    const other = await t.signInCitizen('+380671112233');
    await reportWithPhoto(sha, other);
    const again = await head(sha, other);
    expect(again.headers.get('upload-complete')).toBe('?1');
    const patched = await patch(sha, 0, photo, photo.length, { as: other });
    expect(patched.status).toBe(204);
    expect(patched.headers.get('upload-complete')).toBe('?1');
    expect(blobs.received.get(sha)).toBe(photo.length);
  });

  it('refuses a PATCH without our Origin and header (CSRF), the offset content type, or the lengths', async () => {
    const photo = randomBytes(1000);
    const sha = sha256Of(photo);
    await reportWithPhoto(sha);
    const bare = await app.request(`/api/uploads/${sha}`, {
      method: 'PATCH',
      headers: {
        cookie: citizen.cookie,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': String(photo.length),
      },
      body: photo as Uint8Array<ArrayBuffer>,
    });
    expect(bare.status).toBe(403);
    expect(
      (await patch(sha, 0, photo, photo.length, { headers: { 'content-type': 'image/jpeg' } })).status,
    ).toBe(415);
    expect((await patch(sha, 0, photo, photo.length, { headers: { 'upload-length': 'x' } })).status).toBe(
      400,
    );
    expect((await patch('nothex', 0, photo, photo.length)).status).toBe(400);
    expect(await blobs.offset(sha)).toBe(0);
  });

  it('lets a caseworker of the record’s oblast fetch the photo, audited; others get 404', async () => {
    const photo = randomBytes(20_000);
    const sha = sha256Of(photo);
    const { recordId, photoId } = await reportWithPhoto(sha);
    await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
    await t.createStaff('l.bondar', 'caseworker', [LVIV]);
    const kyiv = await t.signInStaff('o.petrenko');
    const lviv = await t.signInStaff('l.bondar');
    const url = `/api/staff/records/${recordId}/photos/${photoId}`;

    const early = await app.request(url, { headers: { cookie: kyiv.cookie } });
    expect(early.status).toBe(404);
    expect(((await early.json()) as { error: string }).error).toBe('photo.notUploaded');

    await patch(sha, 0, photo, photo.length);
    const fetched = await app.request(url, { headers: { cookie: kyiv.cookie } });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/jpeg');
    expect(fetched.headers.get('cache-control')).toBe('private, no-store');
    expect(sha256Of(new Uint8Array(await fetched.arrayBuffer()))).toBe(sha);
    const audit = await backend.query(
      "SELECT action, detail FROM audit_log WHERE action = 'record.photoRead'",
    );
    expect(audit).toEqual([{ action: 'record.photoRead', detail: `photo=${photoId}` }]);

    expect((await app.request(url, { headers: { cookie: lviv.cookie } })).status).toBe(404);
    expect((await app.request(url, { headers: { cookie: citizen.cookie } })).status).toBe(403);
    expect(
      (
        await app.request(`/api/staff/records/${recordId}/photos/${newId()}`, {
          headers: { cookie: kyiv.cookie },
        })
      ).status,
    ).toBe(404);
  });
});

describe('file blob store', () => {
  it('cleans partial uploads older than the limit and keeps fresh ones', async () => {
    const old = randomBytes(100);
    const fresh = randomBytes(100);
    await blobs.append(sha256Of(old), 0, old.subarray(0, 50));
    await blobs.append(sha256Of(fresh), 0, fresh.subarray(0, 50));
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    utimesSync(path.join(blobDir, 'partial', sha256Of(old)), twoDaysAgo, twoDaysAgo);
    expect(await blobs.cleanupPartials(24 * 3600_000)).toBe(1);
    expect(await blobs.offset(sha256Of(old))).toBe(0);
    expect(await blobs.offset(sha256Of(fresh))).toBe(50);
  });

  it('serialises concurrent appends at the same offset: one wins, the other learns the offset', async () => {
    const photo = randomBytes(1000);
    const sha = sha256Of(photo);
    const [a, b] = await Promise.all([
      blobs.append(sha, 0, photo.subarray(0, 500)),
      blobs.append(sha, 0, photo.subarray(0, 500)),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await blobs.offset(sha)).toBe(500);
  });
});
