import { type ReadonlySignal, signal } from '@preact/signals';
import type { PhotoSummary } from '../../../local/photos/photo-entry';
import type { DataApi } from '../../../worker/data-api';
import { isPhotoMessageKey, type PhotoMessageKey } from './photo-messages';

/** The part of the data worker the picker uses (a fake in unit tests). */
export type PhotoService = Pick<DataApi, 'addPhoto' | 'removePhoto' | 'listPhotos'>;

export interface PhotoNotice {
  readonly key: PhotoMessageKey;
  readonly params?: Readonly<Record<string, number>>;
  /** The file's number in a multi-file pick, when the notice is about one of them. */
  readonly file?: number;
  readonly error?: boolean;
}

export interface PhotoPickerModel {
  /** The draft the photos belong to; none until the draft is first saved. */
  readonly recordId: ReadonlySignal<string | undefined>;
  readonly photos: ReadonlySignal<readonly PhotoSummary[]>;
  /** True while files are being shrunk and stored. */
  readonly busy: ReadonlySignal<boolean>;
  /** What the live region says: progress, then the outcome of the last action. */
  readonly notices: ReadonlySignal<readonly PhotoNotice[]>;
  /** Follows the form's draft; switching drafts clears what the picker showed. */
  setRecordId(recordId: string | undefined): void;
  refresh(): Promise<void>;
  addFiles(files: readonly Blob[]): Promise<void>;
  remove(photoId: string): Promise<void>;
}

function errorKey(error: unknown): PhotoMessageKey {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'QuotaExceededError' || /QuotaExceeded/.test(message ?? '')) return 'storageFull';
  return message?.startsWith('photo.') && isPhotoMessageKey(message) ? message : 'failed';
}

/** Errors about this draft rather than one file: no point trying the remaining files. */
const STOPS: readonly PhotoMessageKey[] = [
  'photo.tooMany',
  'photo.recordNotDraft',
  'photo.recordNotFound',
  'storageFull',
];

/**
 * The picker's state, changed only through its actions. Files are handed to the data worker one at a
 * time: each is decoded at full size there, and three 12-megapixel decodes at once would need
 * 150 MB on a phone that may have little.
 */
export function createPhotoPickerModel(
  service: PhotoService,
  /** Creates the draft when photos are picked before anything was typed (a photo needs a record). */
  ensureRecordId: () => Promise<string | undefined> = async () => undefined,
): PhotoPickerModel {
  const recordId = signal<string | undefined>(undefined);
  const photos = signal<readonly PhotoSummary[]>([]);
  const busy = signal(false);
  const notices = signal<readonly PhotoNotice[]>([]);

  function setRecordId(next: string | undefined): void {
    if (next === recordId.value) return;
    recordId.value = next;
    photos.value = [];
    notices.value = [];
    void refresh();
  }

  async function refresh(): Promise<void> {
    const id = recordId.value;
    const list = id ? await service.listPhotos(id) : [];
    // A slow answer for a draft the form has left is dropped.
    if (recordId.value === id) photos.value = list;
  }

  async function addFiles(files: readonly Blob[]): Promise<void> {
    if (busy.value || files.length === 0) return;
    busy.value = true;
    const problems: PhotoNotice[] = [];
    let saved = 0;
    let duplicates = 0;
    try {
      const id = recordId.value ?? (await ensureRecordId());
      if (!id) {
        problems.push({ key: 'needDraft', error: true });
        return;
      }
      if (id !== recordId.value) setRecordId(id);
      for (const [index, file] of files.entries()) {
        notices.value = [{ key: 'progress', params: { n: index + 1, total: files.length } }];
        try {
          const result = await service.addPhoto(id, file);
          if (result.duplicate) duplicates++;
          else saved++;
        } catch (error) {
          const key = errorKey(error);
          problems.push(
            files.length > 1 && !STOPS.includes(key)
              ? { key, file: index + 1, error: true }
              : { key, error: true },
          );
          if (STOPS.includes(key)) break;
        }
        await refresh();
      }
    } finally {
      busy.value = false;
      const outcome: PhotoNotice[] = [];
      if (saved > 0) outcome.push({ key: 'saved', params: { n: saved } });
      if (duplicates > 0) outcome.push({ key: 'duplicate' });
      notices.value = [...outcome, ...problems];
    }
  }

  async function remove(photoId: string): Promise<void> {
    const id = recordId.value;
    const number = photos.value.findIndex((photo) => photo.photoId === photoId) + 1;
    if (!id || number === 0) return;
    try {
      await service.removePhoto(id, photoId);
      notices.value = [{ key: 'removed', params: { n: number } }];
    } catch (error) {
      notices.value = [{ key: errorKey(error), error: true }];
    }
    await refresh();
  }

  return { recordId, photos, busy, notices, setRecordId, refresh, addFiles, remove };
}
