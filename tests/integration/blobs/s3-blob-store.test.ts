import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, openS3BlobStore } from '../../../src/server/blobs';
import { openS3Bucket, S3RequestError } from '../../../src/server/blobs/s3-bucket';
import { defineBlobStoreContract, sha256Of } from './blob-store-contract';
import { closedPort, type LocalS3, startLocalS3 } from './s3rver-harness';

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3.close();
});

// Each test gets its own prefix in the one bucket: an empty store, and proof that prefixes keep
// deployments sharing a bucket apart.
defineBlobStoreContract('S3 store', async () => ({
  blobs: openS3BlobStore(s3.settings(`test-${randomUUID()}/`)),
  dispose: async () => undefined,
}));

describe('S3 store', () => {
  it('keeps a finished blob at <prefix>blobs/<sha256> and chunks at <prefix>partial/<sha256>/<offset>', async () => {
    const settings = s3.settings('tenant-a/');
    const blobs = openS3BlobStore(settings);
    const bucket = openS3Bucket(settings);
    const photo = randomBytes(3000);
    const sha = sha256Of(photo);
    await blobs.append(sha, 0, photo.subarray(0, 1000));
    await blobs.append(sha, 1000, photo.subarray(1000, 2500));
    expect((await bucket.list('tenant-a/')).map((object) => [object.key, object.size])).toEqual([
      [`tenant-a/partial/${sha}/0000000000`, 1000],
      [`tenant-a/partial/${sha}/0000001000`, 1500],
    ]);
    // Another prefix in the same bucket is another store.
    expect(await openS3BlobStore(s3.settings('tenant-b/')).offset(sha)).toBe(0);

    await blobs.append(sha, 2500, photo.subarray(2500));
    expect(await blobs.complete(sha)).toBe(true);
    expect((await bucket.list('tenant-a/')).map((object) => [object.key, object.size])).toEqual([
      [`tenant-a/blobs/${sha}`, 3000],
    ]);
  });

  it('throws on every method when the service refuses the credentials, naming the refusal but not the secret', async () => {
    // s3rver checks the access key but not the SigV4 signature itself, so the key is what is wrong here.
    const secret = 'wrong-secret-that-must-never-be-logged';
    const blobs = openS3BlobStore({ ...s3.settings(), accessKeyId: 'NOT-A-KEY', secretAccessKey: secret });
    const messages = await failures(blobs);
    expect(messages).toHaveLength(FAILING_CALLS);
    for (const message of messages) {
      expect(message).toMatch(/^S3 (HEAD|GET|PUT|LIST|DELETE) answered 403/);
      expect(message).not.toContain(secret);
    }
    expect(messages).toContain('S3 LIST answered 403 InvalidAccessKeyId');
  });

  it('throws on every method when the service cannot be reached', async () => {
    const blobs = openS3BlobStore({ ...s3.settings(), endpoint: `http://127.0.0.1:${await closedPort()}` });
    const messages = await failures(blobs);
    expect(messages).toHaveLength(FAILING_CALLS);
    for (const message of messages)
      expect(message).toMatch(/^S3 (HEAD|GET|PUT|LIST|DELETE) failed: ECONNREFUSED/);
  });
});

const FAILING_CALLS = 7;

/** Every BlobStore method once; answers the messages of the errors they threw (all of them must throw). */
async function failures(blobs: BlobStore): Promise<string[]> {
  const photo = randomBytes(100);
  const sha = sha256Of(photo);
  const calls: (() => Promise<unknown>)[] = [
    () => blobs.offset(sha),
    () => blobs.has(sha),
    () => blobs.append(sha, 0, photo),
    () => blobs.complete(sha),
    () => blobs.read(sha),
    () => blobs.cleanupPartials(0),
    () => blobs.cleanupPartials(1000, new Date()),
  ];
  const messages: string[] = [];
  for (const call of calls) {
    try {
      await call();
    } catch (error) {
      expect(error).toBeInstanceOf(S3RequestError);
      messages.push((error as Error).message);
    }
  }
  return messages;
}
