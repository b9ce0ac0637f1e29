import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../src/server/blobs';

export interface OpenedBlobStore {
  readonly blobs: BlobStore;
  dispose(): Promise<void>;
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function bytesOf(stream: Readable | undefined): Promise<Buffer | undefined> {
  if (stream === undefined) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/** Appends `bytes` in `chunkSize` pieces, each at the offset the previous one answered. */
async function appendInChunks(blobs: BlobStore, bytes: Uint8Array, chunkSize: number): Promise<void> {
  for (let at = 0; at < bytes.length; at += chunkSize) {
    const answer = await blobs.append(sha256Of(bytes), at, bytes.subarray(at, at + chunkSize));
    expect(answer).toEqual({ ok: true, offset: Math.min(at + chunkSize, bytes.length) });
  }
}

const DAY_MS = 24 * 3600_000;

/**
 * What every BlobStore must do, whatever holds the bytes; the upload routes rely on exactly this.
 * `open` gives a fresh, empty store for each test.
 */
export function defineBlobStoreContract(name: string, open: () => Promise<OpenedBlobStore>): void {
  describe(`${name}: blob store contract`, () => {
    let opened: OpenedBlobStore;
    let blobs: BlobStore;

    beforeEach(async () => {
      opened = await open();
      blobs = opened.blobs;
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('holds nothing for a hash it has never seen: offset 0, not stored, no bytes', async () => {
      const sha = sha256Of(randomBytes(100));
      expect(await blobs.offset(sha)).toBe(0);
      expect(await blobs.has(sha)).toBe(false);
      expect(await blobs.read(sha)).toBeUndefined();
    });

    it('appends in chunks, answering and reporting the length held after each', async () => {
      const photo = randomBytes(70_000);
      const sha = sha256Of(photo);
      expect(await blobs.append(sha, 0, photo.subarray(0, 30_000))).toEqual({ ok: true, offset: 30_000 });
      expect(await blobs.offset(sha)).toBe(30_000);
      expect(await blobs.append(sha, 30_000, photo.subarray(30_000, 60_000))).toEqual({
        ok: true,
        offset: 60_000,
      });
      expect(await blobs.append(sha, 60_000, photo.subarray(60_000))).toEqual({ ok: true, offset: 70_000 });
      expect(await blobs.offset(sha)).toBe(70_000);
      // Held but not finished: not a blob yet.
      expect(await blobs.has(sha)).toBe(false);
      expect(await blobs.read(sha)).toBeUndefined();
    });

    it('refuses an append at any offset but the length held, writing nothing', async () => {
      const photo = randomBytes(3000);
      const sha = sha256Of(photo);
      expect(await blobs.append(sha, 100, photo.subarray(100, 200))).toEqual({ ok: false, offset: 0 });
      expect(await blobs.offset(sha)).toBe(0);
      await blobs.append(sha, 0, photo.subarray(0, 1000));
      // A lost answer (the same chunk again), a gap, and a step back are all refused with the length held.
      for (const at of [0, 1500, 500]) {
        expect(await blobs.append(sha, at, photo.subarray(at, at + 1000))).toEqual({
          ok: false,
          offset: 1000,
        });
      }
      expect(await blobs.offset(sha)).toBe(1000);
      expect(await blobs.append(sha, 1000, photo.subarray(1000))).toEqual({ ok: true, offset: 3000 });
      expect(await blobs.complete(sha)).toBe(true);
      expect((await bytesOf(await blobs.read(sha)))?.equals(photo)).toBe(true);
    });

    it('completes when the hash matches: stored, offset is the size, read gives the same bytes', async () => {
      const photo = randomBytes(200_000);
      const sha = sha256Of(photo);
      await appendInChunks(blobs, photo, 65_536);
      expect(await blobs.complete(sha)).toBe(true);
      expect(await blobs.has(sha)).toBe(true);
      expect(await blobs.offset(sha)).toBe(photo.length);
      expect((await bytesOf(await blobs.read(sha)))?.equals(photo)).toBe(true);
      // Finished: nothing more may be appended, and the caller learns it holds everything.
      expect(await blobs.append(sha, photo.length, randomBytes(10))).toEqual({
        ok: false,
        offset: photo.length,
      });
      expect(await blobs.append(sha, 0, photo.subarray(0, 10))).toEqual({ ok: false, offset: photo.length });
    });

    it('discards bytes whose hash differs: complete answers false, the offset is 0 again, and a retry works', async () => {
      const photo = randomBytes(10_000);
      const sha = sha256Of(photo);
      const corrupt = Uint8Array.from(photo);
      corrupt[5_000] = (corrupt[5_000]! + 1) % 256;
      expect(await blobs.append(sha, 0, corrupt.subarray(0, 4000))).toMatchObject({ ok: true });
      expect(await blobs.append(sha, 4000, corrupt.subarray(4000))).toEqual({ ok: true, offset: 10_000 });
      expect(await blobs.complete(sha)).toBe(false);
      expect(await blobs.has(sha)).toBe(false);
      expect(await blobs.offset(sha)).toBe(0);
      expect(await blobs.read(sha)).toBeUndefined();

      await appendInChunks(blobs, photo, 4000);
      expect(await blobs.complete(sha)).toBe(true);
      expect((await bytesOf(await blobs.read(sha)))?.equals(photo)).toBe(true);
    });

    it('answers false when completing an upload it holds nothing of (a second request after the first discarded it)', async () => {
      const sha = sha256Of(randomBytes(100));
      expect(await blobs.complete(sha)).toBe(false);
      const photo = randomBytes(3000);
      const corrupt = Uint8Array.from(photo);
      corrupt[0] = (corrupt[0]! + 1) % 256;
      await blobs.append(sha256Of(photo), 0, corrupt);
      const answers = await Promise.all([blobs.complete(sha256Of(photo)), blobs.complete(sha256Of(photo))]);
      expect(answers).toEqual([false, false]);
      expect(await blobs.offset(sha256Of(photo))).toBe(0);
    });

    it('answers true when completing a blob already stored, and keeps its bytes', async () => {
      const photo = randomBytes(5000);
      const sha = sha256Of(photo);
      await appendInChunks(blobs, photo, 5000);
      expect(await blobs.complete(sha)).toBe(true);
      expect(await blobs.complete(sha)).toBe(true);
      expect(await blobs.offset(sha)).toBe(5000);
      expect((await bytesOf(await blobs.read(sha)))?.equals(photo)).toBe(true);
    });

    it('keeps every byte of each photo apart when several uploads run at once', async () => {
      const photos = [randomBytes(30_000), randomBytes(45_000), randomBytes(1)];
      await Promise.all(photos.map((photo) => appendInChunks(blobs, photo, 10_000)));
      expect(await Promise.all(photos.map((photo) => blobs.complete(sha256Of(photo))))).toEqual([
        true,
        true,
        true,
      ]);
      for (const photo of photos) {
        expect((await bytesOf(await blobs.read(sha256Of(photo))))?.equals(photo)).toBe(true);
      }
    });

    it('lets only one of three appends racing at the same offset through; the others learn the length', async () => {
      const photo = randomBytes(1500);
      const sha = sha256Of(photo);
      const answers = await Promise.all([
        blobs.append(sha, 0, photo.subarray(0, 500)),
        blobs.append(sha, 0, photo.subarray(0, 500)),
        blobs.append(sha, 0, photo.subarray(0, 500)),
      ]);
      expect(answers.filter((answer) => answer.ok)).toEqual([{ ok: true, offset: 500 }]);
      expect(answers.filter((answer) => !answer.ok)).toEqual([
        { ok: false, offset: 500 },
        { ok: false, offset: 500 },
      ]);
      expect(await blobs.append(sha, 500, photo.subarray(500))).toEqual({ ok: true, offset: 1500 });
      expect(await blobs.complete(sha)).toBe(true);
    });

    it('deletes partial uploads once older than the limit, keeping fresh ones and finished blobs', async () => {
      const one = randomBytes(100);
      const two = randomBytes(100);
      const done = randomBytes(100);
      await blobs.append(sha256Of(one), 0, one.subarray(0, 40));
      await blobs.append(sha256Of(one), 40, one.subarray(40, 60));
      await blobs.append(sha256Of(two), 0, two.subarray(0, 50));
      await appendInChunks(blobs, done, 100);
      expect(await blobs.complete(sha256Of(done))).toBe(true);

      expect(await blobs.cleanupPartials(DAY_MS, new Date())).toBe(0);
      expect(await blobs.offset(sha256Of(one))).toBe(60);
      expect(await blobs.offset(sha256Of(two))).toBe(50);

      expect(await blobs.cleanupPartials(DAY_MS, new Date(Date.now() + DAY_MS + 3600_000))).toBe(2);
      expect(await blobs.offset(sha256Of(one))).toBe(0);
      expect(await blobs.offset(sha256Of(two))).toBe(0);
      expect((await bytesOf(await blobs.read(sha256Of(done))))?.equals(done)).toBe(true);
      // Nothing left to delete, and the upload starts again from 0.
      expect(await blobs.cleanupPartials(DAY_MS, new Date(Date.now() + 2 * DAY_MS))).toBe(0);
      expect(await blobs.append(sha256Of(one), 0, one)).toEqual({ ok: true, offset: 100 });
    });

    it('judges a partial upload’s age by its last write, not its first', async () => {
      const slow = randomBytes(100);
      const abandoned = randomBytes(100);
      await blobs.append(sha256Of(slow), 0, slow.subarray(0, 50));
      await blobs.append(sha256Of(abandoned), 0, abandoned.subarray(0, 50));
      // Object stores date writes to the second, so the two writes are kept more than 2 s apart.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const secondWrite = Date.now();
      await blobs.append(sha256Of(slow), 50, slow.subarray(50));
      expect(await blobs.cleanupPartials(2000, new Date(secondWrite + 100))).toBe(1);
      expect(await blobs.offset(sha256Of(slow))).toBe(100);
      expect(await blobs.offset(sha256Of(abandoned))).toBe(0);
    });

    it('counts the bytes appended per hash in received, and not refused ones', async () => {
      const photo = randomBytes(1000);
      const sha = sha256Of(photo);
      expect(blobs.received.get(sha)).toBeUndefined();
      await blobs.append(sha, 0, photo.subarray(0, 600));
      await blobs.append(sha, 0, photo.subarray(0, 600));
      await blobs.append(sha, 600, photo.subarray(600));
      expect(blobs.received.get(sha)).toBe(1000);
      expect(await blobs.complete(sha)).toBe(true);
      expect(blobs.received.get(sha)).toBe(1000);
    });

    it('refuses a name that is not a lowercase hex SHA-256', async () => {
      for (const bad of ['', 'ab', '../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}/`]) {
        // Either store may throw before its first await; a rejection is what the routes see either way.
        const attempt = (work: () => Promise<unknown>) => Promise.resolve().then(work);
        await expect(attempt(() => blobs.offset(bad))).rejects.toThrow('SHA-256');
        await expect(attempt(() => blobs.append(bad, 0, new Uint8Array(1)))).rejects.toThrow('SHA-256');
        await expect(attempt(() => blobs.complete(bad))).rejects.toThrow('SHA-256');
        await expect(attempt(() => blobs.read(bad))).rejects.toThrow('SHA-256');
      }
    });
  });
}
