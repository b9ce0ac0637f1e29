import { randomBytes, randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { type BlobStore, openS3BlobStore, type S3BlobStoreSettings } from '../../../src/server/blobs';
import { openS3Bucket } from '../../../src/server/blobs/s3-bucket';
import {
  BACKENDS,
  type Backend,
  createTestApp,
  KYIV,
  type LogLine,
  memoryLog,
  ORIGIN,
  openBackend,
  type Person,
  type TestApp,
} from '../authz/test-app';
import { submitReportWithPhoto } from '../uploads/report-with-photo';
import { sha256Of } from './blob-store-contract';
import { closedPort, type LocalS3, startLocalS3 } from './s3rver-harness';

// The upload and staff photo routes as the phone and the console use them, with the photos in an
// S3 bucket (s3rver) instead of on disk.

const CSRF = { origin: ORIGIN, 'x-lastivka-request': '1' };
const CHUNK = 65_536;

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3.close();
});

describe.each(BACKENDS)('photo routes on the S3 store (%s)', (kind) => {
  let backend: Backend;
  let t: TestApp;
  let settings: S3BlobStoreSettings;
  let blobs: BlobStore;
  let app: Hono;
  let log: ReturnType<typeof memoryLog>;
  let citizen: Person;

  /** The same sign-in and database as `app`, with its photos going to `store`. */
  function appWith(store: BlobStore): Hono {
    return createApp({ store: backend.store, log, auth: t.auth, blobs: store });
  }

  beforeEach(async () => {
    backend = await openBackend(kind);
    t = await createTestApp(backend);
    settings = s3.settings(`routes-${randomUUID()}/`);
    blobs = openS3BlobStore(settings);
    log = memoryLog();
    app = appWith(blobs);
    citizen = await t.signInCitizen('+380501234567');
  });

  afterEach(async () => {
    await backend.dispose();
  });

  async function reportWithPhoto(sha256: string) {
    const { recordId, photoId } = await submitReportWithPhoto(t, citizen, sha256);
    return `/api/staff/records/${recordId}/photos/${photoId}`;
  }

  const head = (on: Hono, sha256: string) =>
    on.request(`/api/uploads/${sha256}`, { method: 'HEAD', headers: { cookie: citizen.cookie } });

  const patch = (on: Hono, sha256: string, offset: number, chunk: Uint8Array, length: number) =>
    on.request(`/api/uploads/${sha256}`, {
      method: 'PATCH',
      headers: {
        cookie: citizen.cookie,
        ...CSRF,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'upload-length': String(length),
      },
      body: chunk as Uint8Array<ArrayBuffer>,
    });

  async function caseworker(): Promise<Person> {
    await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
    return t.signInStaff('o.petrenko');
  }

  it('takes a photo in chunks, resumes after a lost answer, and the caseworker gets the identical bytes', async () => {
    const photo = randomBytes(200_000);
    const sha = sha256Of(photo);
    const photoUrl = await reportWithPhoto(sha);

    let answer = await head(app, sha);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('upload-offset')).toBe('0');
    expect(
      (await patch(app, sha, 0, photo.subarray(0, CHUNK), photo.length)).headers.get('upload-offset'),
    ).toBe(String(CHUNK));
    answer = await patch(app, sha, CHUNK, photo.subarray(CHUNK, 2 * CHUNK), photo.length);
    expect(answer.status).toBe(204);

    // The answer to the second chunk was lost: the phone sends it again and is told where to go on.
    answer = await patch(app, sha, CHUNK, photo.subarray(CHUNK, 2 * CHUNK), photo.length);
    expect(answer.status).toBe(409);
    expect(answer.headers.get('upload-offset')).toBe(String(2 * CHUNK));
    // After a restart the phone asks first, then resumes from there.
    answer = await head(app, sha);
    expect(answer.headers.get('upload-offset')).toBe(String(2 * CHUNK));
    expect(answer.headers.get('upload-complete')).toBe('?0');

    answer = await patch(app, sha, 2 * CHUNK, photo.subarray(2 * CHUNK, 3 * CHUNK), photo.length);
    expect(answer.headers.get('upload-offset')).toBe(String(3 * CHUNK));
    answer = await patch(app, sha, 3 * CHUNK, photo.subarray(3 * CHUNK), photo.length);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('upload-complete')).toBe('?1');
    expect(answer.headers.get('upload-offset')).toBe(String(photo.length));
    expect(blobs.received.get(sha)).toBe(photo.length);
    // Only the finished blob is left in the bucket.
    expect((await openS3Bucket(settings).list(settings.prefix)).map((object) => object.key)).toEqual([
      `${settings.prefix}blobs/${sha}`,
    ]);

    const staff = await caseworker();
    const fetched = await app.request(photoUrl, { headers: { cookie: staff.cookie } });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('answers 503 with Retry-After, not 500, while S3 is down or refuses, and the upload resumes after', async () => {
    const photo = randomBytes(100_000);
    const sha = sha256Of(photo);
    const photoUrl = await reportWithPhoto(sha);
    const staff = await caseworker();
    expect((await patch(app, sha, 0, photo.subarray(0, CHUNK), photo.length)).status).toBe(204);

    const outages = {
      unreachable: openS3BlobStore({ ...settings, endpoint: `http://127.0.0.1:${await closedPort()}` }),
      refusing: openS3BlobStore({
        ...settings,
        accessKeyId: 'REVOKED',
        secretAccessKey: 'revoked-secret-key',
      }),
    };
    for (const [outage, store] of Object.entries(outages)) {
      const down = appWith(store);
      const answers = [
        await head(down, sha),
        await patch(down, sha, CHUNK, photo.subarray(CHUNK), photo.length),
        await down.request(photoUrl, { headers: { cookie: staff.cookie } }),
      ];
      for (const answer of answers) {
        expect(answer.status, outage).toBe(503);
        expect(answer.headers.get('retry-after'), outage).toMatch(/^\d+$/);
      }
      expect(await answers[1]?.json()).toMatchObject({ error: 'blobs.unavailable' });
    }
    const failures = log.lines.filter((line: LogLine) => line.event === 'blobs.unavailable');
    expect(failures).toHaveLength(6);
    expect(JSON.stringify(log.lines)).not.toContain('revoked-secret-key');
    expect(log.lines.some((line) => line.event === 'request.failed')).toBe(false);

    // Nothing was taken during the outage; once S3 answers again the phone carries on where it was.
    expect((await head(app, sha)).headers.get('upload-offset')).toBe(String(CHUNK));
    const finished = await patch(app, sha, CHUNK, photo.subarray(CHUNK), photo.length);
    expect(finished.headers.get('upload-complete')).toBe('?1');
    const fetched = await app.request(photoUrl, { headers: { cookie: staff.cookie } });
    expect(Buffer.from(await fetched.arrayBuffer()).equals(photo)).toBe(true);
  });
});
