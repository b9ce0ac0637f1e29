import type { LocalRecord, SubmitOutcome, SyncStatus } from '../local';
import type {
  AddedPhoto,
  PhotoSummary,
  PhotoUploadItem,
  PhotoUploadPolicy,
  UploadGate,
  UploadProgress,
} from '../local/photos';
import type { Service } from '../shared/domain';
import type { FieldValue } from '../shared/record';

export interface AttachedPhoto extends AddedPhoto {
  /** Time spent decoding, shrinking, encoding and hashing, in the worker (for benchmarks). */
  readonly shrinkMs: number;
}

export type SyncOutcome =
  | { readonly result: 'done'; readonly delivered: number }
  | {
      readonly result: 'offline' | 'retrying' | 'updateRequired' | 'signInRequired';
      readonly retryInMs?: number;
    };

/** Everything the page may ask of the data worker. The page imports this file as a type only. */
export interface DataApi {
  saveDraft(input: { id?: string; service: Service; data: Record<string, FieldValue> }): Promise<LocalRecord>;
  submit(recordId: string): Promise<SubmitOutcome>;
  /** Changes to a submitted record (including answers to the office's questions). */
  edit(recordId: string, values: Record<string, FieldValue>): Promise<LocalRecord>;
  resolveConflict(recordId: string, conflictId: string, choice: 'server' | 'client'): Promise<void>;
  withdraw(recordId: string): Promise<void>;
  markSeen(recordId: string): Promise<void>;
  deleteDraft(recordId: string): Promise<void>;
  listRecords(): Promise<LocalRecord[]>;
  getRecord(recordId: string): Promise<LocalRecord | undefined>;
  syncStatus(): Promise<SyncStatus>;
  /** Push then pull now; the answer says whether it worked or when it will try again. */
  syncNow(): Promise<SyncOutcome>;
  /**
   * Shrinks a picked or captured photo in the worker (metadata dropped, long side ≤ 1600 px) and keeps it
   * with a draft. Rejects with an Error whose message is a PhotoErrorCode ('photo.unreadable',
   * 'photo.tooLarge', 'photo.tooMany', 'photo.recordNotDraft', 'photo.recordNotFound').
   */
  addPhoto(recordId: string, file: Blob): Promise<AttachedPhoto>;
  removePhoto(recordId: string, photoId: string): Promise<void>;
  /** Metadata and thumbnail Blobs, in attach order. */
  listPhotos(recordId: string): Promise<PhotoSummary[]>;
  /**
   * Photos sent / total for a record, the bytes still to travel, each photo's progress, whether they
   * may travel now and whether the person paused them.
   */
  photoUploadState(recordId: string): Promise<PhotoUploadState>;
  /**
   * Stops sending photos until resumed: the chunk in flight is cut at once. Kept in this profile's
   * database (it survives a reload); the records' text keeps syncing.
   */
  pausePhotoUploads(): Promise<void>;
  /** Sends photos again at once, from the offset the server holds. */
  resumePhotoUploads(): Promise<void>;
  /** The person's choice (the page keeps it too, with idb-keyval); sends at once when it allows. */
  setPhotoUploadPolicy(policy: PhotoUploadPolicy): Promise<void>;
  /** The person said yes to sending photos although the browser asks to save data. */
  confirmPhotoUpload(): Promise<void>;
}

export interface PhotoUploadState extends UploadProgress {
  /** In attach order. */
  readonly items: readonly PhotoUploadItem[];
  readonly gate: UploadGate;
  readonly paused: boolean;
}
