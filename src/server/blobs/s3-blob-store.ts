import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type AppendResult, BLOB_MAX_BYTES, type BlobStore, SHA256_PATTERN } from './blob-store';
import { createPerHashQueue } from './per-hash-queue';
import { openS3Bucket, type S3Settings } from './s3-bucket';
import type { S3ListedObject } from './s3-list-result';

export interface S3BlobStoreSettings extends S3Settings {
  /** Put before every key, e.g. `lastivka/` to share a bucket; '' for none. */
  readonly prefix: string;
}

/** Offsets are at most BLOB_MAX_BYTES (7 digits); 10 keeps the names sorting by offset whatever the limit becomes. */
const OFFSET_DIGITS = 10;

function checked(sha256: string): string {
  if (!SHA256_PATTERN.test(sha256)) throw new Error('Not a SHA-256 hex name');
  return sha256;
}

interface Chunk {
  readonly key: string;
  readonly offset: number;
  readonly size: number;
  readonly lastModified: Date;
}

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, Hetzner…), so several API
 * processes on several hosts share one store. A finished blob is `<prefix>blobs/<sha256>`. S3 cannot
 * append, so an unfinished upload is one object per chunk, `<prefix>partial/<sha256>/<offset>`
 * (zero-padded, so they list in order); the bytes held are the chunks that follow each other from 0.
 * On completion the chunks are read back (a photo is at most 2 MB), hashed, written as the blob, and
 * deleted. A blob is written only after its hash is verified, so it is either absent or whole.
 *
 * Appends to one hash are serialised in this process. Between processes, a chunk is written with
 * `If-None-Match: *`, so on services that honour it (AWS, MinIO, recent Ceph) only one of two writers
 * at the same offset succeeds; elsewhere the last one wins, and if that leaves bytes that do not match,
 * the hash check at the end discards them and the phone sends the photo again.
 */
export function openS3BlobStore(settings: S3BlobStoreSettings): BlobStore {
  const bucket = openS3Bucket(settings);
  const received = new Map<string, number>();
  const serial = createPerHashQueue();

  const partialRoot = `${settings.prefix}partial/`;
  const blobKey = (sha256: string) => `${settings.prefix}blobs/${sha256}`;
  const chunkPrefix = (sha256: string) => `${partialRoot}${sha256}/`;
  const chunkKey = (sha256: string, offset: number) =>
    `${chunkPrefix(sha256)}${String(offset).padStart(OFFSET_DIGITS, '0')}`;

  function chunkOf(object: S3ListedObject, prefix: string): Chunk | undefined {
    const name = object.key.slice(prefix.length);
    if (!/^\d+$/.test(name)) return undefined;
    return { key: object.key, offset: Number(name), size: object.size, lastModified: object.lastModified };
  }

  async function chunks(sha256: string): Promise<Chunk[]> {
    const prefix = chunkPrefix(sha256);
    const listed = await bucket.list(prefix);
    return listed
      .map((object) => chunkOf(object, prefix))
      .filter((chunk) => chunk !== undefined)
      .sort((a, b) => a.offset - b.offset);
  }

  /**
   * The chunks that follow each other from offset 0. Normally that is all of them; a chunk left past
   * a gap (a delete that failed half-way, a racing writer on a service without conditional writes)
   * is not counted, so the phone is asked for the missing bytes instead of being told a length that
   * does not exist; the hash check at the end sorts out the rest.
   */
  function contiguous(all: readonly Chunk[]): { chunks: Chunk[]; length: number } {
    const run: Chunk[] = [];
    let length = 0;
    for (const chunk of all) {
      if (chunk.offset !== length) break;
      run.push(chunk);
      length += chunk.size;
    }
    return { chunks: run, length };
  }

  async function deleteAll(list: readonly Chunk[]): Promise<void> {
    await Promise.all(list.map((chunk) => bucket.delete(chunk.key)));
  }

  async function offset(sha256: string): Promise<number> {
    const size = await bucket.size(blobKey(checked(sha256)));
    if (size !== undefined) return size;
    return contiguous(await chunks(sha256)).length;
  }

  async function has(sha256: string): Promise<boolean> {
    return (await bucket.size(blobKey(checked(sha256)))) !== undefined;
  }

  function append(sha256: string, at: number, bytes: Uint8Array): Promise<AppendResult> {
    checked(sha256);
    return serial(sha256, async () => {
      const complete = await bucket.size(blobKey(sha256));
      if (complete !== undefined) return { ok: false, offset: complete };
      const held = contiguous(await chunks(sha256)).length;
      if (held !== at) return { ok: false, offset: held };
      // An empty chunk object would hold the offset's name and make the real chunk's conditional write fail.
      if (bytes.byteLength === 0) return { ok: true, offset: held };
      if (!(await bucket.put(chunkKey(sha256, at), bytes, { onlyIfAbsent: true }))) {
        // Another process wrote this offset first: tell the caller what is held now.
        return { ok: false, offset: await offset(sha256) };
      }
      received.set(sha256, (received.get(sha256) ?? 0) + bytes.byteLength);
      return { ok: true, offset: held + bytes.byteLength };
    });
  }

  function complete(sha256: string): Promise<boolean> {
    checked(sha256);
    return serial(sha256, async () => {
      const all = await chunks(sha256);
      if ((await bucket.size(blobKey(sha256))) !== undefined) {
        // Chunks left by a completion whose clean-up failed, or by a second uploader: no longer needed.
        await deleteAll(all);
        return true;
      }
      const { chunks: run, length } = contiguous(all);
      // Never more than a photo may be: reading it all back into memory is then bounded.
      if (length > BLOB_MAX_BYTES) {
        await deleteAll(all);
        return false;
      }
      const hash = createHash('sha256');
      const whole = new Uint8Array(length);
      for (const chunk of run) {
        const bytes = await bucket.getBytes(chunk.key);
        // Deleted under us (a clean-up, another process's completion) or changed size: not these bytes.
        if (bytes === undefined || bytes.byteLength !== chunk.size) {
          await deleteAll(all);
          return false;
        }
        whole.set(bytes, chunk.offset);
        hash.update(bytes);
      }
      if (hash.digest('hex') !== sha256) {
        await deleteAll(all);
        return false;
      }
      await bucket.put(blobKey(sha256), whole);
      await deleteAll(all);
      return true;
    });
  }

  async function read(sha256: string): Promise<Readable | undefined> {
    return bucket.getStream(blobKey(checked(sha256)));
  }

  async function cleanupPartials(maxAgeMs: number, now = new Date()): Promise<number> {
    const newest = new Map<string, number>();
    for (const object of await bucket.list(partialRoot)) {
      const sha256 = object.key.slice(partialRoot.length).split('/')[0] ?? '';
      if (!SHA256_PATTERN.test(sha256)) continue;
      newest.set(sha256, Math.max(newest.get(sha256) ?? 0, object.lastModified.getTime()));
    }
    let removed = 0;
    for (const [sha256, lastWritten] of newest) {
      if (now.getTime() - lastWritten <= maxAgeMs) continue;
      await serial(sha256, async () => {
        // Listed again inside the queue: an append may have landed since the first listing.
        const current = await chunks(sha256);
        const latest = Math.max(...current.map((chunk) => chunk.lastModified.getTime()));
        if (current.length === 0 || now.getTime() - latest <= maxAgeMs) return;
        await deleteAll(current);
        removed += 1;
      });
    }
    return removed;
  }

  return { offset, has, append, complete, read, cleanupPartials, received };
}
