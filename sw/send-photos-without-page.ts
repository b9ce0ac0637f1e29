import type { MetaEntry } from '../src/local/database/local-database';
import type { PhotoEntry } from '../src/local/photos/photo-entry';
import { META_PHOTO_UPLOADS_PAUSED } from '../src/local/photos/upload-pause';
import { type ConnectionHints, META_PHOTO_UPLOAD_POLICY } from '../src/local/photos/upload-policy';
import type { LocalRecord } from '../src/local/records/local-record';
import type { SyncTransport } from '../src/local/sync/push-outbox';
import { choosePhotosToSend, photoSendingAllowed, unsentPhotos } from './photos-to-send';
import { readFrom } from './read-only-database';
import { uploadPhotoWithoutPage } from './upload-photo-without-page';

/**
 * After the push: the photos of records the server holds, one at a time, oldest first, as long as the
 * person's pause and choice of link allow (read again before every chunk, as the data worker does).
 */
export async function sendPhotosWithoutPage(
  db: IDBDatabase,
  transport: SyncTransport,
  acceptedNow: ReadonlySet<string>,
  connection: () => ConnectionHints | undefined,
): Promise<void> {
  // A database the data worker has not upgraded to photos yet has none to send.
  if (!db.objectStoreNames.contains('photos')) return;
  const meta = (key: string) =>
    readFrom<MetaEntry | undefined>(db, 'meta', (store) => store.get(key)).then((entry) => entry?.value);
  const mayGoOn = async () =>
    photoSendingAllowed(
      await meta(META_PHOTO_UPLOADS_PAUSED),
      await meta(META_PHOTO_UPLOAD_POLICY),
      connection(),
    );
  if (!(await mayGoOn())) return;
  const photos = unsentPhotos(await readFrom<PhotoEntry[]>(db, 'photos', (store) => store.getAll()));
  const recordIds = [...new Set(photos.map((entry) => entry.recordId))];
  const records = await Promise.all(
    recordIds.map((id) => readFrom<LocalRecord | undefined>(db, 'records', (store) => store.get(id))),
  );
  for (const entry of choosePhotosToSend(photos, records, acceptedNow)) {
    if ((await uploadPhotoWithoutPage(transport, entry, mayGoOn)) === 'stop') return;
  }
}
