import type { LocalDatabase } from '../database/local-database';
import { inAttachOrder } from './attach-order';
import type { PhotoSummary } from './photo-entry';

/**
 * The photos kept with a record, in the order they were attached (see attach-order.ts). Thumbnails
 * only: the full-size bytes stay in the database until the upload needs them.
 */
export async function listPhotos(db: LocalDatabase, recordId: string): Promise<PhotoSummary[]> {
  const [record, entries] = await db.transaction('r', db.records, db.photos, () =>
    Promise.all([db.records.get(recordId), db.photos.where('recordId').equals(recordId).toArray()]),
  );
  return inAttachOrder(record, entries).map(({ id, sha256, width, height, bytes, takenAt, thumbnail }) => ({
    photoId: id,
    sha256,
    width,
    height,
    bytes,
    takenAt,
    thumbnail,
  }));
}
