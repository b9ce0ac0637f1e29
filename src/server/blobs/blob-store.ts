import type { Readable } from 'node:stream';

/** A blob is named by the lowercase hex SHA-256 of its bytes. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** The largest photo the server takes; the phone shrinks to about 250 KB, so this is generous. */
export const BLOB_MAX_BYTES = 2 * 1024 * 1024;

/** Partial uploads nobody has touched for this long are deleted (the phone starts again from zero). */
export const PARTIAL_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export type AppendResult =
  /** The bytes were appended; `offset` is the new length held. */
  | { readonly ok: true; readonly offset: number }
  /** The caller's offset is not the length held (a lost answer, a second device): nothing was written. */
  | { readonly ok: false; readonly offset: number };

/**
 * Content-addressed storage of uploaded attachments (tus's core semantics; why not tus itself: see
 * src/server/routes/uploads/uploads.ts). An upload is a partial that only ever grows at its end; when
 * complete its whole SHA-256 is checked and it becomes the blob, atomically.
 */
export interface BlobStore {
  /** Bytes held for this hash: the blob's size when complete, the partial's length, or 0. */
  offset(sha256: string): Promise<number>;
  has(sha256: string): Promise<boolean>;
  /** Appends `bytes` at `offset`, which must equal the length held; refused otherwise. */
  append(sha256: string, offset: number, bytes: Uint8Array): Promise<AppendResult>;
  /**
   * Checks the partial's SHA-256 and moves it into place (true), or deletes it when the hash differs
   * (false). Completing a blob that already exists is true.
   */
  complete(sha256: string): Promise<boolean>;
  /** The blob's bytes, or undefined when it is not (completely) stored. */
  read(sha256: string): Promise<Readable | undefined>;
  /** Deletes partial uploads last written before `now - maxAgeMs`; answers how many. */
  cleanupPartials(maxAgeMs: number, now?: Date): Promise<number>;
  /** Bytes appended per hash since this store was opened, for tests and the operator (never sent to clients). */
  readonly received: ReadonlyMap<string, number>;
}
