import type { Context, Hono } from 'hono';
import { apiError } from '../../api-error';
import type { AuthEnv } from '../../auth';
import { BLOB_MAX_BYTES, type BlobStore, SHA256_PATTERN } from '../../blobs';
import { readLimitedBody } from '../../limited-body';
import { blobsUnavailable } from '../blobs-unavailable';
import type { RouteDeps } from '../route-deps';
import { storeUnavailable } from '../sync-push';

/** One PATCH carries at most this much: small enough to finish on 2G before a drop. */
export const UPLOAD_CHUNK_MAX_BYTES = 256 * 1024;
export const OFFSET_CONTENT_TYPE = 'application/offset+octet-stream';

export interface UploadDeps extends RouteDeps {
  readonly blobs: BlobStore;
}

const NUMBER = /^\d{1,10}$/;

function headerNumber(c: Context, name: string): number | undefined {
  const value = c.req.header(name);
  return value !== undefined && NUMBER.test(value) ? Number(value) : undefined;
}

function held(c: Context, offset: number, complete: boolean): void {
  c.header('Upload-Offset', String(offset));
  c.header('Upload-Complete', complete ? '?1' : '?0');
}

/**
 * Resumable, content-addressed photo uploads, with tus's semantics (HEAD for the offset held, PATCH
 * appending at exactly that offset, the checksum verified at the end) in the draft "resumable uploads
 * for HTTP" header names. Not tus itself: the uploads run in the data worker and in the service worker
 * (Background Sync with no page open), and tus-js-client 4.3 sends through XMLHttpRequest, which a
 * service worker lacks, keeps resume URLs in localStorage, which no worker has, and is 22 KB gzip
 * against a 25 KB page budget. @tus/server could sit behind Hono (handleWeb), but tus names an upload
 * by a URL the server makes on POST; ours is named by its SHA-256, which is what lets a photo attached
 * twice travel once and a lost answer cost one HEAD.
 *
 * The URL is the SHA-256 of the bytes, so the same photo attached twice travels once. Only a person
 * one of whose records has a live photo row with that hash may upload or ask about it; any other
 * person gets 404, so nobody learns which hashes exist. Staff never upload: 403 whatever the hash,
 * which tells nothing either.
 */
export function registerUploads(app: Hono, deps: UploadDeps): void {
  const { store, log, auth, blobs } = deps;
  const requirePerson = auth.requireUser(['citizen', 'volunteer']);

  async function authorised(
    c: Context<AuthEnv>,
  ): Promise<{ ok: true; sha256: string } | { ok: false; response: Response }> {
    const sha256 = c.req.param('sha256') ?? '';
    if (!SHA256_PATTERN.test(sha256)) {
      return {
        ok: false,
        response: apiError(c, 400, 'upload.invalidHash', 'Name the upload by its hex SHA-256'),
      };
    }
    let allowed: boolean;
    try {
      allowed = await store.recordReferencesBlob(c.get('auth').user.userId, sha256);
    } catch (error) {
      return { ok: false, response: storeUnavailable(c, log, error) };
    }
    if (!allowed) return { ok: false, response: apiError(c, 404, 'upload.notFound', 'No such upload') };
    return { ok: true, sha256 };
  }

  async function answerOffset(c: Context<AuthEnv>): Promise<Response> {
    const found = await authorised(c);
    if (!found.ok) return found.response;
    const complete = await blobs.has(found.sha256);
    held(c, await blobs.offset(found.sha256), complete);
    return c.body(null, 200);
  }

  async function takeChunk(c: Context<AuthEnv>): Promise<Response> {
    const found = await authorised(c);
    if (!found.ok) return found.response;
    const { sha256 } = found;
    const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== OFFSET_CONTENT_TYPE) {
      return apiError(c, 415, 'contentType.unsupported', `Send the chunk as ${OFFSET_CONTENT_TYPE}`);
    }
    const offset = headerNumber(c, 'upload-offset');
    const length = headerNumber(c, 'upload-length');
    if (offset === undefined || length === undefined || length === 0) {
      return apiError(c, 400, 'upload.headersInvalid', 'Send Upload-Offset and Upload-Length as byte counts');
    }
    if (length > BLOB_MAX_BYTES) {
      return apiError(c, 413, 'upload.tooLarge', `A photo may be at most ${BLOB_MAX_BYTES} bytes`);
    }
    // Already stored (by this person earlier, or by anyone: the bytes are the same): nothing to take.
    if (await blobs.has(sha256)) {
      held(c, await blobs.offset(sha256), true);
      return c.body(null, 204);
    }
    const body = await readLimitedBody(c.req.raw, UPLOAD_CHUNK_MAX_BYTES);
    // Eight hex digits follow one upload through the log without naming the photo.
    const upload = sha256.slice(0, 8);
    if (!body.ok) {
      if (body.problem === 'incomplete') {
        // A link that dropped mid-chunk: nothing of it is kept, the phone resumes from `offset`.
        log.info('upload.chunkIncomplete', { upload, offset });
        return apiError(c, 400, 'request.incomplete', 'The connection broke before the chunk ended');
      }
      return body.problem === 'tooLarge'
        ? apiError(c, 413, 'payload.tooLarge', `A chunk may be at most ${UPLOAD_CHUNK_MAX_BYTES} bytes`)
        : apiError(c, 415, 'encoding.unsupported', 'Send the chunk uncompressed (JPEG does not shrink)');
    }
    if (offset + body.bytes.byteLength > length) {
      return apiError(c, 400, 'upload.beyondLength', 'The chunk goes past Upload-Length');
    }
    const appended = await blobs.append(sha256, offset, body.bytes);
    // Per chunk, so an operator (and the resume test) can see that no byte was taken twice.
    log.info('upload.chunk', { upload, offset, bytes: body.bytes.byteLength, appended: appended.ok });
    if (!appended.ok) {
      held(c, appended.offset, false);
      return apiError(c, 409, 'upload.offsetMismatch', 'The server holds a different number of bytes');
    }
    if (appended.offset < length) {
      held(c, appended.offset, false);
      return c.body(null, 204);
    }
    if (!(await blobs.complete(sha256))) {
      log.warn('upload.hashMismatch', { upload, bytes: appended.offset });
      held(c, 0, false);
      return apiError(c, 422, 'upload.hashMismatch', 'The bytes do not match their SHA-256; send them again');
    }
    log.info('upload.complete', { upload, bytes: appended.offset });
    held(c, appended.offset, true);
    return c.body(null, 204);
  }

  /** The blob store failing (S3 down, a full disk) is a 503 the phone retries after, not a 500. */
  const blobFailuresAre503 =
    (handler: (c: Context<AuthEnv>) => Promise<Response>) =>
    async (c: Context<AuthEnv>): Promise<Response> => {
      try {
        return await handler(c);
      } catch (error) {
        return blobsUnavailable(c, log, error);
      }
    };

  // Hono answers HEAD with the GET handler's headers and no body.
  app.get('/api/uploads/:sha256', requirePerson, blobFailuresAre503(answerOffset));
  app.patch('/api/uploads/:sha256', requirePerson, blobFailuresAre503(takeChunk));
}
