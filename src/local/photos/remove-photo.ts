import { CHILD_EXISTS, childPath, withoutChildRow } from '../../shared/record';
import { announceChange } from '../database/change-notice';
import type { LocalDatabase } from '../database/local-database';
import { draftForPhotos } from './photo-access';
import { PHOTO_COLLECTION } from './photo-entry';

/**
 * Removes a photo from a draft: the row is marked removed (its other fields stay, as for every child
 * row, so merges see the removal) and the bytes are deleted, in one transaction. Removing a photo that
 * is already gone does nothing.
 */
export async function removePhoto(
  db: LocalDatabase,
  recordId: string,
  photoId: string,
  now = new Date(),
): Promise<void> {
  const removed = await db.transaction('rw', db.records, db.photos, async () => {
    const record = draftForPhotos(await db.records.get(recordId));
    const entry = await db.photos.get(photoId);
    const stored = entry?.recordId === recordId;
    const listed = record.data[childPath(PHOTO_COLLECTION, photoId, CHILD_EXISTS)] === true;
    if (!stored && !listed) return false;
    if (stored) await db.photos.delete(photoId);
    const data = withoutChildRow(record.data, PHOTO_COLLECTION, photoId);
    await db.records.put({ ...record, data, updatedAt: now.toISOString() });
    return true;
  });
  if (removed) announceChange({ type: 'records-changed' });
}
