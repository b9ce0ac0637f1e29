import { CHILD_EXISTS, childPath, withChildRow } from '../../shared/record';
import { announceChange } from '../database/change-notice';
import type { LocalDatabase } from '../database/local-database';
import { draftForPhotos } from './photo-access';
import { PHOTO_COLLECTION, PHOTOS_PER_RECORD_MAX, type PhotoEntry, type ShrunkPhoto } from './photo-entry';
import { PhotoError } from './photo-error';

export interface AddedPhoto {
  readonly photoId: string;
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  /** The record already had these exact bytes: nothing new was stored and `photoId` is the earlier one. */
  readonly duplicate: boolean;
}

function added(entry: PhotoEntry, duplicate: boolean): AddedPhoto {
  const { id, sha256, width, height, bytes } = entry;
  return { photoId: id, sha256, width, height, bytes, duplicate };
}

/**
 * Keeps a shrunk photo with its draft: the bytes in `photos` and the metadata as a child row of the
 * record's field map, in one transaction, so there is never a row without its picture or the reverse.
 * The same bytes attached twice are kept once ('photo.duplicate' is information, not an error).
 */
export async function addPhoto(
  db: LocalDatabase,
  recordId: string,
  shrunk: ShrunkPhoto,
  options: { takenAt?: Date; now?: Date } = {},
): Promise<AddedPhoto> {
  const now = options.now ?? new Date();
  const result = await db.transaction('rw', db.records, db.photos, async (): Promise<AddedPhoto> => {
    const record = draftForPhotos(await db.records.get(recordId));
    const same = await db.photos
      .where('sha256')
      .equals(shrunk.sha256)
      .and((entry) => entry.recordId === recordId)
      .first();
    const fieldsOf = (entry: PhotoEntry) => ({
      sha256: entry.sha256,
      width: entry.width,
      height: entry.height,
      bytes: entry.bytes,
      takenAt: entry.takenAt,
    });
    if (same) {
      // The row can be missing if a save from a page that did not know about photos replaced the map;
      // attaching the picture again puts it back.
      if (record.data[childPath(PHOTO_COLLECTION, same.id, CHILD_EXISTS)] !== true) {
        const data = withChildRow(record.data, PHOTO_COLLECTION, { id: same.id, fields: fieldsOf(same) });
        await db.records.put({ ...record, data, updatedAt: now.toISOString() });
      }
      return added(same, true);
    }
    if ((await db.photos.where('recordId').equals(recordId).count()) >= PHOTOS_PER_RECORD_MAX) {
      throw new PhotoError('photo.tooMany');
    }
    const entry: PhotoEntry = {
      id: crypto.randomUUID(),
      recordId,
      sha256: shrunk.sha256,
      width: shrunk.width,
      height: shrunk.height,
      bytes: shrunk.bytes,
      takenAt: (options.takenAt ?? now).toISOString(),
      addedAt: now.toISOString(),
      blob: shrunk.blob,
      thumbnail: shrunk.thumbnail,
    };
    await db.photos.add(entry);
    const data = withChildRow(record.data, PHOTO_COLLECTION, { id: entry.id, fields: fieldsOf(entry) });
    await db.records.put({ ...record, data, updatedAt: now.toISOString() });
    return added(entry, false);
  });
  announceChange({ type: 'records-changed' });
  return result;
}
