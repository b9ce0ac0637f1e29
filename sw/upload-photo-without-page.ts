import type { PhotoEntry } from '../src/local/photos/photo-entry';
import { chunkRequest, heldOffset, uploadComplete } from '../src/local/photos/upload-chunk';
import type { SyncTransport } from '../src/local/sync/push-outbox';
import { RetryableSyncError } from '../src/local/sync/sync-errors';

/**
 * sent: the server holds the whole photo; skipped: not this one (no record names it yet, or the server
 * refused it: the data worker meets the same answer and records it); stop: no more photos now (the
 * person paused or limited the link, or the server wants a sign-in).
 */
export type PhotoSendOutcome = 'sent' | 'skipped' | 'stop';

/**
 * One photo by the data worker's protocol (upload-photos.ts): HEAD for the offset the server holds,
 * then 64 KB PATCHes from exactly there, marking nothing. When the app next opens, its worker's HEAD
 * finds the photo complete and marks it sent without a byte travelling again. A failure of the link
 * or the server throws RetryableSyncError; the next attempt resumes from the server's offset.
 */
export async function uploadPhotoWithoutPage(
  transport: SyncTransport,
  entry: PhotoEntry,
  mayGoOn: () => Promise<boolean>,
): Promise<PhotoSendOutcome> {
  const send = async (init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await transport.fetch(`${transport.baseUrl}/api/uploads/${entry.sha256}`, {
        credentials: 'same-origin',
        ...init,
      });
    } catch {
      throw new RetryableSyncError('network.unreachable');
    }
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new RetryableSyncError(`server.${response.status}`);
    }
    return response;
  };
  const probe = await send({ method: 'HEAD' });
  if (probe.status === 404) return 'skipped';
  if (!probe.ok) return 'stop';
  if (uploadComplete(probe)) return 'sent';
  let offset = heldOffset(probe) ?? 0;
  let restarted = false;
  for (;;) {
    // A pause, or a Wi-Fi-only choice on a link that became mobile, holds from the next chunk on.
    if (!(await mayGoOn())) return 'stop';
    const chunk = chunkRequest(entry, offset);
    const response = await send(chunk.init);
    if (response.status === 204) {
      if (uploadComplete(response)) return 'sent';
      offset = heldOffset(response) ?? offset + chunk.size;
    } else if (response.status === 409) {
      // Someone (the app opened meanwhile, an answer we lost) moved the server on: go on from there.
      offset = heldOffset(response) ?? 0;
    } else if (response.status === 422 && !restarted) {
      // The server discarded what it held (the hash did not match): one fresh attempt from zero.
      restarted = true;
      offset = 0;
    } else {
      return response.status === 401 || response.status === 403 ? 'stop' : 'skipped';
    }
  }
}
