import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import * as v from 'valibot';
import { RecordIdSchema } from '../../../shared/protocol';
import { apiError } from '../../api-error';
import { type BlobStore, SHA256_PATTERN } from '../../blobs';
import { blobsUnavailable } from '../blobs-unavailable';
import type { StaffDeps } from './staff-deps';
import { auditRead, scopedRecord } from './staff-request';

/**
 * The photo's own CSP, for when it is opened in a tab of its own (the console's thumbnails link to
 * it): the browser shows a bare image in a document it makes itself, which runs no script, and styles
 * it inline, which the site's `style-src 'self'` refuses. Nothing but the image may load there, and
 * no page may frame it.
 */
export const PHOTO_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

export interface StaffPhotoDeps extends StaffDeps {
  readonly blobs: BlobStore;
}

/**
 * GET /api/staff/records/:recordId/photos/:photoId → the JPEG, if the record is in the caller's
 * oblasts and the photo's bytes have arrived (404 'photo.notUploaded' until then: the record's text
 * comes first, its photos after). Audited like every read of someone's record.
 */
export function registerGetPhoto(app: Hono, deps: StaffPhotoDeps): void {
  app.get('/api/staff/records/:recordId/photos/:photoId', deps.requireStaff, async (c) => {
    const photoId = v.safeParse(RecordIdSchema, c.req.param('photoId'));
    if (!photoId.success) return apiError(c, 400, 'request.invalid', 'The photo id is not valid');
    const found = await scopedRecord(c, deps);
    if (!found.ok) return found.response;
    const { recordId, stored } = found.value;
    const fields = stored.record.fields;
    const sha256 = fields[`photos/${photoId.output}/sha256`];
    if (fields[`photos/${photoId.output}/_exists`] !== true || typeof sha256 !== 'string') {
      return apiError(c, 404, 'photo.notFound', 'No such photo on this record');
    }
    let bytes: Readable | undefined;
    // Nothing checks the phone's photo rows: a hash no blob can have is a photo that never arrives,
    // and the store's refusal to look it up must not pass for an outage (a 503 and an alarm).
    if (SHA256_PATTERN.test(sha256)) {
      try {
        bytes = await deps.blobs.read(sha256);
      } catch (error) {
        return blobsUnavailable(c, deps.log, error);
      }
    }
    if (bytes === undefined) return apiError(c, 404, 'photo.notUploaded', 'The photo has not arrived yet');
    const refused = await auditRead(c, deps, 'record.photoRead', recordId, `photo=${photoId.output}`);
    if (refused !== undefined) {
      bytes.destroy();
      return refused;
    }
    c.header('Content-Type', 'image/jpeg');
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Security-Policy', PHOTO_CSP);
    return c.body(Readable.toWeb(bytes) as ReadableStream, 200);
  });
}
