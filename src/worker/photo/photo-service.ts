import type { LocalDatabase } from '../../local/database/local-database';
import { addPhoto, checkCanAddPhoto } from '../../local/photos';
import type { AttachedPhoto } from '../data-api';
import { shrinkPhoto } from './shrink-photo';

// Loaded by the data worker with import() on first use: decoding, canvas and hashing code is not part
// of the worker's first-load bytes (see the size budgets in DESIGN.md).
export { listPhotos, removePhoto } from '../../local/photos';

/** Shrinks a picked file here in the worker and keeps it with the draft. */
export async function attachPhoto(db: LocalDatabase, recordId: string, file: Blob): Promise<AttachedPhoto> {
  await checkCanAddPhoto(db, recordId);
  const started = performance.now();
  const shrunk = await shrinkPhoto(file);
  const shrinkMs = performance.now() - started;
  // A camera sets a photo's last-modified time when it takes it; pictures the person took earlier
  // keep that time, which is what a damage report wants to know.
  const takenAt = file instanceof File && file.lastModified > 0 ? new Date(file.lastModified) : undefined;
  const added = await addPhoto(db, recordId, shrunk, takenAt ? { takenAt } : {});
  return { ...added, shrinkMs };
}

export { pausePhotoUploads, resumePhotoUploads, writeUploadPolicy } from '../../local/photos';
export { photoUploadState, sendPendingPhotos } from './photo-uploads';
