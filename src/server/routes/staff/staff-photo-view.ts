import { childRows, type FieldMap } from '../../../shared/record';
import { type BlobStore, SHA256_PATTERN } from '../../blobs';
import type { Log } from '../../log';
import type { StoredRecord } from '../../store/store';

/**
 * One photo of a record as the console sees it. Its bytes travel after the record's text, so a
 * caseworker often opens a record whose photos are still on their way: `arrived` says whether the
 * staff photo route can serve it yet. No hash here: the console fetches a photo by its id.
 */
export interface StaffPhotoView {
  readonly id: string;
  readonly arrived: boolean;
  /** Size of the JPEG as the phone recorded it; null when the row does not say. */
  readonly bytes: number | null;
  /** ISO time the picture was taken (or attached), as the phone recorded it. */
  readonly takenAt?: string;
}

/** Whether the blob store holds these bytes completely; the record view asks once per photo. */
export type BytesArrived = (sha256: string) => Promise<boolean>;

const PHOTO_COLLECTION = 'photos';

function takenAtOf(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function byTakenAtThenId(a: StaffPhotoView, b: StaffPhotoView): number {
  if (a.takenAt !== b.takenAt) {
    if (a.takenAt === undefined) return 1;
    if (b.takenAt === undefined) return -1;
    return Date.parse(a.takenAt) - Date.parse(b.takenAt) || a.id.localeCompare(b.id);
  }
  return a.id.localeCompare(b.id);
}

/**
 * The record's live photo rows, oldest picture first. The phone keeps the attach order only on the
 * device (the server's field map does not keep key order: PostgreSQL's jsonb sorts keys), so the time
 * each was taken orders them, and the id breaks ties, giving every caseworker the same numbering.
 * A photo row's fields come from the phone unchecked, so each is read defensively.
 */
export async function staffPhotoViews(
  fields: FieldMap,
  arrived: BytesArrived | undefined,
  log: Log,
): Promise<StaffPhotoView[]> {
  const views = await Promise.all(
    childRows(fields, PHOTO_COLLECTION).map(async (row): Promise<StaffPhotoView> => {
      const { sha256, bytes } = row.fields;
      const takenAt = takenAtOf(row.fields.takenAt);
      let held = false;
      if (arrived !== undefined && typeof sha256 === 'string' && SHA256_PATTERN.test(sha256)) {
        // A photo store that cannot answer should not hide the record's text (unlike the photo route,
        // which has nothing else to give and answers 503): the photo shows as still on its way, and
        // the console's next refresh asks again. Same event as blobs-unavailable.ts, for the operator.
        held = await arrived(sha256).catch((error: unknown) => {
          const { name, message } =
            error instanceof Error ? error : { name: 'unknown', message: String(error) };
          log.error('blobs.unavailable', { name, message });
          return false;
        });
      }
      return {
        id: row.id,
        arrived: held,
        bytes: typeof bytes === 'number' && Number.isFinite(bytes) ? bytes : null,
        ...(takenAt === undefined ? {} : { takenAt }),
      };
    }),
  );
  return views.sort(byTakenAtThenId);
}

/**
 * A stored record's photos as the record view and the photo list both answer them, checked against
 * the blob store; without one, none has arrived as far as the console can tell.
 */
export function photoViewsOf(
  stored: StoredRecord,
  { blobs, log }: { readonly blobs?: BlobStore | undefined; readonly log: Log },
): Promise<StaffPhotoView[]> {
  const arrived = blobs === undefined ? undefined : (sha256: string) => blobs.has(sha256);
  return staffPhotoViews(stored.record.fields, arrived, log);
}
