import { PHOTO_UPLOAD_LOCK, SYNC_LOCK } from '../src/local/lock-names';
import type { ConnectionHints } from '../src/local/photos/upload-policy';
import type { SyncTransport } from '../src/local/sync/push-outbox';
import { activeProfileDatabaseName } from './active-profile';
import { pushWithoutPage } from './push-without-page';
import { openExistingDatabase } from './read-only-database';
import { sendPhotosWithoutPage } from './send-photos-without-page';

/**
 * Background Sync with no page open: the active profile's outbox, then the photos of the records the
 * server holds, sent from the service worker, which only reads the database (see read-only-database.ts).
 * Resolves when everything went or when only the person can help (signed out, an update needed, a
 * refusal: the page tells them on its next start); rejects with RetryableSyncError when the link or
 * the server failed, so the browser tries again later.
 */
export async function sendWithoutPage(
  transport: SyncTransport,
  connection: () => ConnectionHints | undefined,
  factory: IDBFactory = indexedDB,
): Promise<void> {
  const db = await openExistingDatabase(await activeProfileDatabaseName(factory), factory);
  if (!db) return;
  try {
    // The same locks as the data worker's: an app opened meanwhile waits for us rather than sending
    // the same entries and bytes alongside.
    const push = await underLock(SYNC_LOCK, () => pushWithoutPage(db, transport));
    if (!push.finished) return;
    await underLock(PHOTO_UPLOAD_LOCK, () =>
      sendPhotosWithoutPage(db, transport, push.acceptedRecordIds, connection),
    );
  } finally {
    db.close();
  }
}

function underLock<T>(name: string, run: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? locks.request(name, run) : run();
}
