import { announceChange } from '../database/change-notice';
import type { LocalDatabase } from '../database/local-database';

/**
 * Kept in the profile's own database, not in the worker's memory: a pause outlives a reload and a
 * restarted worker, and belongs to the person who pressed it, not to everyone on a shared phone.
 */
export const META_PHOTO_UPLOADS_PAUSED = 'photoUploadsPaused';

// A chunk on the wire must stop the moment the person pauses (their data plan, their battery), not
// when its 64 KB have crawled through: each upload running in this worker registers its controller.
const running = new WeakMap<LocalDatabase, Set<AbortController>>();

export async function photoUploadsPaused(db: LocalDatabase): Promise<boolean> {
  return (await db.meta.get(META_PHOTO_UPLOADS_PAUSED))?.value === true;
}

/** Stops photo uploads until resumed; the records' text keeps syncing. */
export async function pausePhotoUploads(db: LocalDatabase): Promise<void> {
  // The flag first: an upload that starts after the aborts below reads it and does not begin.
  await db.meta.put({ key: META_PHOTO_UPLOADS_PAUSED, value: true });
  for (const controller of running.get(db) ?? []) controller.abort();
  announceChange({ type: 'records-changed' });
}

/** Lets photos travel again; the caller starts a round, which resumes from the server's offset. */
export async function resumePhotoUploads(db: LocalDatabase): Promise<void> {
  await db.meta.delete(META_PHOTO_UPLOADS_PAUSED);
  announceChange({ type: 'records-changed' });
}

export interface PausableUpload {
  /** Aborted when the person pauses. */
  readonly signal: AbortSignal;
  /** The upload has ended: a later pause has nothing of it to abort. */
  finish(): void;
}

export function startPausableUpload(db: LocalDatabase): PausableUpload {
  const controller = new AbortController();
  const uploads = running.get(db) ?? new Set<AbortController>();
  running.set(db, uploads);
  uploads.add(controller);
  return { signal: controller.signal, finish: () => uploads.delete(controller) };
}
