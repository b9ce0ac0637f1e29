import { createHash } from 'node:crypto';
import type { LocalDatabase } from '../../../src/local/database/local-database';
import { addPhoto } from '../../../src/local/photos';
import { saveDraft } from '../../../src/local/records/save-draft';

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The server's upload semantics in memory (HEAD offset, PATCH at exactly the offset or 409, hash
 * checked at Upload-Length), with the faults a thin link brings.
 */
export class FakeServer {
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
  /** The Upload-Offset of every PATCH, in order, to show where each run started. */
  readonly patchOffsets: number[] = [];
  /**
   * This PATCH (1-based count) crawls like a chunk on a 2G link: it never answers, and ends only when
   * its request is aborted (as fetch does: rejecting with an AbortError). The server keeps none of it.
   */
  hangOnPatch: number | undefined;
  /** Resolves once the hanging PATCH is on the wire. */
  readonly hung: Promise<void>;
  private markHung: () => void = () => undefined;
  private patches = 0;

  constructor() {
    this.hung = new Promise((resolve) => {
      this.markHung = resolve;
    });
  }

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (init.signal?.aborted) throw abortError();
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
    const headers = new Headers(init.headers);
    this.patchOffsets.push(Number(headers.get('upload-offset')));
    if (this.dropOnPatch === this.patches) throw new TypeError('Failed to fetch');
    if (this.hangOnPatch === this.patches) {
      this.markHung();
      await untilAborted(init.signal ?? undefined);
    }
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

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

/** Never settles without a signal (a request nobody can cut); rejects when the signal aborts. */
function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(abortError());
    signal?.addEventListener('abort', () => reject(abortError()), { once: true });
  });
}

export async function deliveredReportWithPhotos(db: LocalDatabase, photos: Uint8Array[]) {
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

export async function deliver(db: LocalDatabase, recordId: string) {
  await db.records.update(recordId, { state: 'delivered', acceptedAt: '2026-03-01T10:00:00.000Z' });
}
