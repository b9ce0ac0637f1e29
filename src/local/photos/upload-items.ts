import type { LocalDatabase } from '../database/local-database';
import { inAttachOrder } from './attach-order';

/**
 * sent: the server holds the whole photo; partial: some of it (a cut link or a pause, resumed from
 * there); queued: nothing yet; refused: the server will not take it, so it is not sent again.
 */
export type PhotoUploadItemState = 'sent' | 'partial' | 'queued' | 'refused';

/** One photo's journey, for the per-photo list under «Фото: 2 з 5 надіслано». */
export interface PhotoUploadItem {
  readonly photoId: string;
  readonly bytes: number;
  /** What the server held at its last answer (all of it once sent). */
  readonly uploadedBytes: number;
  readonly state: PhotoUploadItemState;
}

/** A record's photos in attach order, each with how much of it the server holds. */
export async function photoUploadItems(db: LocalDatabase, recordId: string): Promise<PhotoUploadItem[]> {
  const [record, entries] = await db.transaction('r', db.records, db.photos, () =>
    Promise.all([db.records.get(recordId), db.photos.where('recordId').equals(recordId).toArray()]),
  );
  return inAttachOrder(record, entries).map((entry): PhotoUploadItem => {
    const uploadedBytes = entry.uploadedAt ? entry.bytes : Math.min(entry.uploadedBytes ?? 0, entry.bytes);
    const state = entry.uploadedAt
      ? 'sent'
      : entry.uploadRefused
        ? 'refused'
        : uploadedBytes > 0
          ? 'partial'
          : 'queued';
    return { photoId: entry.id, bytes: entry.bytes, uploadedBytes, state };
  });
}
