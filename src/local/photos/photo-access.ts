import type { LocalDatabase } from '../database/local-database';
import type { LocalRecord } from '../records/local-record';
import { PHOTOS_PER_RECORD_MAX } from './photo-entry';
import { PhotoError } from './photo-error';

/**
 * Photos are added and removed only while the record is a draft, under the rule saveDraft uses (a
 * submission the server refused before storing it is still a draft). Photos of a submitted record need
 * the upload, which is a later change; until then its photos are read-only.
 */
export function draftForPhotos(record: LocalRecord | undefined): LocalRecord {
  if (!record) throw new PhotoError('photo.recordNotFound');
  if (record.state !== 'draft' && !(record.state === 'attention' && !record.server)) {
    throw new PhotoError('photo.recordNotDraft');
  }
  return record;
}

/**
 * The checks addPhoto makes again in its transaction, made before shrinking so a refused photo does not
 * cost a second of the phone's CPU first. (A re-attached duplicate of the tenth photo is refused here
 * as one too many rather than recognised; that costs nothing.)
 */
export async function checkCanAddPhoto(db: LocalDatabase, recordId: string): Promise<void> {
  draftForPhotos(await db.records.get(recordId));
  if ((await db.photos.where('recordId').equals(recordId).count()) >= PHOTOS_PER_RECORD_MAX) {
    throw new PhotoError('photo.tooMany');
  }
}
