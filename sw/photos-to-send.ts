import type { PhotoEntry } from '../src/local/photos/photo-entry';
import { type ConnectionHints, uploadGate } from '../src/local/photos/upload-policy';
import type { LocalRecord } from '../src/local/records/local-record';

/**
 * Photo sending as the person left it: not paused, and over a link they allowed. Save-Data waits for
 * the person's yes, and with no page open nobody can give it, so photos wait then too.
 */
export function photoSendingAllowed(
  paused: unknown,
  policy: unknown,
  connection: ConnectionHints | undefined,
): boolean {
  if (paused === true) return false;
  return uploadGate(policy === 'wifiOnly' ? 'wifiOnly' : 'any', connection, false) === 'go';
}

/** Photos nobody has sent or refused yet: only their records need reading. */
export function unsentPhotos(photos: readonly PhotoEntry[]): PhotoEntry[] {
  return photos.filter((entry) => !entry.uploadedAt && !entry.uploadRefused);
}

/**
 * The unsent photos of records the server holds (text first, always), oldest first as the data worker
 * sends them: a record is held if this push's answers say so or the database already marks it
 * accepted. `records` are those the photos belong to, as read.
 */
export function choosePhotosToSend(
  photos: readonly PhotoEntry[],
  records: readonly (LocalRecord | undefined)[],
  acceptedNow: ReadonlySet<string>,
): PhotoEntry[] {
  const held = new Set(acceptedNow);
  for (const record of records) {
    if (record && record.acceptedAt !== undefined && record.state !== 'draft') held.add(record.id);
  }
  return unsentPhotos(photos)
    .filter((entry) => held.has(entry.recordId))
    .sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}
