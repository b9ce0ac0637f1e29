import { childRows } from '../../shared/record';
import type { LocalDatabase } from '../database/local-database';
import { PHOTO_COLLECTION, type PhotoSummary } from './photo-entry';

/**
 * The photos kept with a record, in the order they were attached (the order of the record's child
 * rows; a stored photo missing from the map comes last, by attach time). Thumbnails only: the
 * full-size bytes stay in the database until the upload needs them.
 */
export async function listPhotos(db: LocalDatabase, recordId: string): Promise<PhotoSummary[]> {
  const [record, entries] = await db.transaction('r', db.records, db.photos, () =>
    Promise.all([db.records.get(recordId), db.photos.where('recordId').equals(recordId).toArray()]),
  );
  const order = new Map(
    childRows(record?.data ?? {}, PHOTO_COLLECTION).map((row, index) => [row.id, index] as const),
  );
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return entries
    .sort((a, b) => rank(a.id) - rank(b.id) || a.addedAt.localeCompare(b.addedAt))
    .map(({ id, sha256, width, height, bytes, takenAt, thumbnail }) => ({
      photoId: id,
      sha256,
      width,
      height,
      bytes,
      takenAt,
      thumbnail,
    }));
}
