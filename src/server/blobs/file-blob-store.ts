import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppendResult, BlobStore } from './blob-store';
import { SHA256_PATTERN } from './blob-store';
import { createPerHashQueue } from './per-hash-queue';

function checked(sha256: string): string {
  if (!SHA256_PATTERN.test(sha256)) throw new Error('Not a SHA-256 hex name');
  return sha256;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Blobs on the local filesystem: `<dir>/ab/cdef…` (the first two hex digits as a folder, so no
 * folder holds more than 1/256 of them), partial uploads in `<dir>/partial/<sha256>`, whose length
 * is the offset held. The final rename is atomic on one filesystem, so a blob is either absent or
 * whole and verified. Appends to one hash are serialised in this process; processes sharing a
 * DATA_DIR could interleave two appends at the same offset, which the hash check then catches
 * (the partial is discarded and the phone sends it again).
 */
export async function openFileBlobStore(dir: string): Promise<BlobStore> {
  const partialDir = path.join(dir, 'partial');
  await mkdir(partialDir, { recursive: true });
  const received = new Map<string, number>();
  const serial = createPerHashQueue();

  const finalPath = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256.slice(2));
  const partialPath = (sha256: string) => path.join(partialDir, sha256);

  async function offset(sha256: string): Promise<number> {
    checked(sha256);
    return (await sizeOf(finalPath(sha256))) ?? (await sizeOf(partialPath(sha256))) ?? 0;
  }

  async function has(sha256: string): Promise<boolean> {
    return (await sizeOf(finalPath(checked(sha256)))) !== undefined;
  }

  function append(sha256: string, at: number, bytes: Uint8Array): Promise<AppendResult> {
    checked(sha256);
    return serial(sha256, async () => {
      const complete = await sizeOf(finalPath(sha256));
      if (complete !== undefined) return { ok: false, offset: complete };
      const held = (await sizeOf(partialPath(sha256))) ?? 0;
      if (held !== at) return { ok: false, offset: held };
      const handle = await open(partialPath(sha256), 'a');
      try {
        await handle.write(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      received.set(sha256, (received.get(sha256) ?? 0) + bytes.byteLength);
      return { ok: true, offset: held + bytes.byteLength };
    });
  }

  function complete(sha256: string): Promise<boolean> {
    checked(sha256);
    return serial(sha256, async () => {
      if ((await sizeOf(finalPath(sha256))) !== undefined) return true;
      const partial = partialPath(sha256);
      // Nothing held: a concurrent request's failed check discarded it. A mismatch, not a fault.
      if ((await sizeOf(partial)) === undefined) return false;
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(partial)) hash.update(chunk as Buffer);
      if (hash.digest('hex') !== sha256) {
        await rm(partial, { force: true });
        return false;
      }
      await mkdir(path.dirname(finalPath(sha256)), { recursive: true });
      await rename(partial, finalPath(sha256));
      return true;
    });
  }

  async function read(sha256: string): Promise<Readable | undefined> {
    const file = finalPath(checked(sha256));
    if ((await sizeOf(file)) === undefined) return undefined;
    return createReadStream(file);
  }

  async function cleanupPartials(maxAgeMs: number, now = new Date()): Promise<number> {
    let removed = 0;
    for (const name of await readdir(partialDir)) {
      if (!SHA256_PATTERN.test(name)) continue;
      await serial(name, async () => {
        const file = path.join(partialDir, name);
        try {
          const info = await stat(file);
          if (now.getTime() - info.mtimeMs > maxAgeMs) {
            await rm(file, { force: true });
            removed += 1;
          }
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      });
    }
    return removed;
  }

  return { offset, has, append, complete, read, cleanupPartials, received };
}
