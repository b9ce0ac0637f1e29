import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export type LimitedBody =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | {
      readonly ok: false;
      /** incomplete: the connection broke before the body ended (a dropped mobile link). */
      readonly problem: 'tooLarge' | 'encodingUnsupported' | 'encodingMalformed' | 'incomplete';
    };

/**
 * Reads a request body without ever holding more than `maxBytes` of it, before or after gunzip.
 * Content-Length alone is not enough (it can be absent with chunked encoding, or lie), and a
 * small gzip body can inflate to gigabytes, so both the wire bytes and the inflated bytes are
 * counted as they arrive.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  const gzipped = encoding === 'gzip' || encoding === 'x-gzip';
  if (!gzipped && encoding !== 'identity') return { ok: false, problem: 'encodingUnsupported' };

  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return { ok: false, problem: 'tooLarge' };

  const wire = await readAtMost(request, maxBytes);
  if (wire === 'incomplete') return { ok: false, problem: 'incomplete' };
  if (wire === undefined) return { ok: false, problem: 'tooLarge' };
  if (!gzipped) return { ok: true, bytes: wire };
  try {
    // maxOutputLength makes zlib stop inflating at the limit instead of after the whole bomb.
    return { ok: true, bytes: await gunzipAsync(wire, { maxOutputLength: maxBytes }) };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
      return { ok: false, problem: 'tooLarge' };
    return { ok: false, problem: 'encodingMalformed' };
  }
}

async function readAtMost(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array | 'incomplete' | undefined> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch {
      // The client's connection reset mid-body: nobody will read an answer, but it must not be a 500
      // in the log, and a partial body must never be taken for a whole one.
      return 'incomplete';
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop reading; the rest of an oversized upload is never buffered.
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
