import { announceChange } from '../database/change-notice';
import type { LocalDatabase } from '../database/local-database';
import { PHOTO_UPLOAD_LOCK } from '../lock-names';
import type { LocalRecord } from '../records/local-record';
import { parseRetryAfter, RetryableSyncError, SignInRequiredError } from '../sync/sync-errors';
import type { PhotoEntry } from './photo-entry';
import { chunkRequest, heldOffset, uploadComplete } from './upload-chunk';
import { photoUploadsPaused, startPausableUpload } from './upload-pause';

// Photos travel after their record's text, over tus's core semantics (HEAD for the offset the server
// holds, PATCH appending exactly there, the SHA-256 checked at the end). Why not tus-js-client (XHR and
// localStorage, which workers lack, and 22 KB gzip): see src/server/routes/uploads/uploads.ts.

export interface UploadTransport {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
}

export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
  /** Bytes of the photos not yet sent (what will still travel). */
  readonly bytesPending: number;
}

/** A record whose text the server has accepted: its photos may follow (text first, always). */
function delivered(record: LocalRecord | undefined): boolean {
  return record !== undefined && record.acceptedAt !== undefined && record.state !== 'draft';
}

/** Photos that may travel now: of accepted records, not yet sent, not refused for good. */
export async function photosToUpload(db: LocalDatabase): Promise<PhotoEntry[]> {
  const pending = await db.photos.filter((entry) => !entry.uploadedAt && !entry.uploadRefused).toArray();
  const out: PhotoEntry[] = [];
  for (const entry of pending) if (delivered(await db.records.get(entry.recordId))) out.push(entry);
  return out.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}

/** Photos sent / total for one record, and the bytes still to send. */
export async function photoUploadProgress(db: LocalDatabase, recordId: string): Promise<UploadProgress> {
  const entries = await db.photos.where('recordId').equals(recordId).toArray();
  const unsent = entries.filter((entry) => !entry.uploadedAt);
  return {
    sent: entries.length - unsent.length,
    total: entries.length,
    bytesPending: unsent.reduce((sum, entry) => sum + entry.bytes - (entry.uploadedBytes ?? 0), 0),
  };
}

/** The bytes of every photo that will still travel (shown before sending). */
export async function pendingUploadBytes(db: LocalDatabase): Promise<number> {
  const entries = await photosToUpload(db);
  return entries.reduce((sum, entry) => sum + entry.bytes - (entry.uploadedBytes ?? 0), 0);
}

/** The person paused: not a failure of the link, so no backoff and nothing marked. */
class UploadPaused extends Error {}

async function send(
  transport: UploadTransport,
  sha256: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
): Promise<Response> {
  let response: Response;
  try {
    response = await transport.fetch(`${transport.baseUrl}/api/uploads/${sha256}`, {
      credentials: 'same-origin',
      ...init,
      ...(signal ? { signal } : {}),
    });
  } catch {
    if (signal?.aborted) throw new UploadPaused();
    throw new RetryableSyncError('network.unreachable');
  }
  if (response.status === 401) throw new SignInRequiredError();
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    throw new RetryableSyncError(
      `server.${response.status}`,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  return response;
}

async function mark(db: LocalDatabase, id: string, changes: Partial<PhotoEntry>): Promise<void> {
  await db.photos.update(id, changes);
}

export type PhotoUploadResult = 'sent' | 'notKnown' | 'refused' | 'paused';

/**
 * Sends one photo from the offset the server holds. A network failure throws RetryableSyncError (the
 * scheduler's backoff tries again, and the next attempt resumes from the server's offset); 'notKnown'
 * means the server has no record naming it yet (the text is not there: try on a later round);
 * 'paused' means the person paused (the signal cut the chunk in flight; resuming asks the offset again).
 */
export async function uploadPhoto(
  db: LocalDatabase,
  transport: UploadTransport,
  entry: PhotoEntry,
  options: { now?: () => Date; signal?: AbortSignal } = {},
): Promise<PhotoUploadResult> {
  try {
    return await sendFromServerOffset(
      db,
      transport,
      entry,
      options.now ?? (() => new Date()),
      options.signal,
    );
  } catch (error) {
    if (error instanceof UploadPaused) return 'paused';
    throw error;
  }
}

async function sendFromServerOffset(
  db: LocalDatabase,
  transport: UploadTransport,
  entry: PhotoEntry,
  now: () => Date,
  signal: AbortSignal | undefined,
): Promise<PhotoUploadResult> {
  const { sha256, id } = entry;
  const probe = await send(transport, sha256, { method: 'HEAD' }, signal);
  if (probe.status === 404) return 'notKnown';
  if (!probe.ok) throw new RetryableSyncError(`upload.head.${probe.status}`);
  let offset = heldOffset(probe) ?? 0;
  let mismatches = 0;
  // Already there (sent before an answer was lost, or the same photo on another report): nothing travels.
  while (!uploadComplete(probe)) {
    // A pause pressed in another tab of this profile reaches us only through the database: its worker
    // cannot abort our request, so we look before each chunk.
    if (await photoUploadsPaused(db)) return 'paused';
    const chunk = chunkRequest(entry, offset);
    const response = await send(transport, sha256, chunk.init, signal);
    if (response.status === 204) {
      if (uploadComplete(response)) break;
      offset = heldOffset(response) ?? offset + chunk.size;
      await mark(db, id, { uploadedBytes: offset });
      announceChange({ type: 'records-changed' });
      continue;
    }
    if (response.status === 409) {
      // Someone (an answer we lost, another tab) moved the server on: continue from where it is.
      offset = heldOffset(response) ?? 0;
      continue;
    }
    if (response.status === 422 && mismatches++ === 0) {
      // The server discarded what it held; one fresh attempt from zero, then the photo is refused.
      offset = 0;
      continue;
    }
    if (response.status === 404) return 'notKnown';
    await mark(db, id, { uploadRefused: `upload.${response.status}` });
    return 'refused';
  }
  await mark(db, id, { uploadedAt: now().toISOString(), uploadedBytes: entry.bytes });
  announceChange({ type: 'records-changed' });
  return 'sent';
}

export interface UploadRun {
  readonly sent: number;
  /** The person paused (before or during the run): nothing failed, nothing is to be retried. */
  readonly paused: boolean;
}

/**
 * Sends every photo of an accepted record that the server does not hold yet, oldest first, one at a
 * time (a thin link carries one stream best). Stops at the first network failure by throwing, and
 * quietly when the person pauses (see upload-pause.ts).
 */
export async function uploadPendingPhotos(db: LocalDatabase, transport: UploadTransport): Promise<UploadRun> {
  const upload = startPausableUpload(db);
  let sent = 0;
  const run = async (): Promise<UploadRun> => {
    for (const entry of await photosToUpload(db)) {
      const result = await uploadPhoto(db, transport, entry, { signal: upload.signal });
      if (result === 'paused') return { sent, paused: true };
      if (result === 'sent') sent += 1;
    }
    return { sent, paused: false };
  };
  try {
    if (await photoUploadsPaused(db)) return { sent, paused: true };
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    if (!locks) return await run();
    // The signal also ends a wait for the lock (another tab's upload): a pause means no later start.
    return await locks.request(PHOTO_UPLOAD_LOCK, { signal: upload.signal }, run);
  } catch (error) {
    if (upload.signal.aborted) return { sent, paused: true };
    throw error;
  } finally {
    upload.finish();
  }
}
