import type { Context } from 'hono';
import { apiError } from '../api-error';
import type { Log } from '../log';

/** An outage of the object store is rarely over in a second; a phone asking again sooner only adds load. */
const RETRY_AFTER_SECONDS = 30;

/**
 * The photo store failed (S3 unreachable or refusing, a full or failing disk). Nobody did anything
 * wrong: the phone keeps the photo and resumes from the server's offset later, the console asks
 * again. The blob stores' messages name the operation and the service's error code, never a
 * credential, so they are logged for the operator.
 */
export function blobsUnavailable(c: Context, log: Log, error: unknown): Response {
  const { name, message } = error instanceof Error ? error : { name: 'unknown', message: String(error) };
  log.error('blobs.unavailable', { name, message });
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  return apiError(
    c,
    503,
    'blobs.unavailable',
    'Photo storage is unavailable for a moment; try again shortly',
  );
}
