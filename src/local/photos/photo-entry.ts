/** The field-map collection that holds a record's photos: `photos/<photoId>/<field>`. */
export const PHOTO_COLLECTION = 'photos';

/** More than this many pictures per report adds storage and upload cost, not evidence. */
export const PHOTOS_PER_RECORD_MAX = 10;

/** What the data worker makes of a picked file (see src/worker/photo/shrink-photo.ts). */
export interface ShrunkPhoto {
  /** Hex SHA-256 of `blob`'s bytes. */
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  /** Size of `blob` in bytes. */
  readonly bytes: number;
  /** The JPEG that will be uploaded. */
  readonly blob: Blob;
  /** A small JPEG for lists on the phone; never uploaded. */
  readonly thumbnail: Blob;
}

/**
 * One evidence photo kept on the phone. `id` is also the child-row id in the record's field map, where
 * the metadata travels with the record; the bytes stay here. `sha256` names the bytes for the later
 * upload, so the server stores each picture once however many times it is sent.
 */
export interface PhotoEntry {
  id: string;
  recordId: string;
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  /** ISO time the picture was taken (the file's last-modified time) or, failing that, attached. */
  takenAt: string;
  /** ISO device time it was attached. */
  addedAt: string;
  blob: Blob;
  thumbnail: Blob;
  /** ISO device time the server confirmed it holds these bytes (verified by hash); unset until then. */
  uploadedAt?: string;
  /** Bytes the server held at the last answer (progress per photo). */
  uploadedBytes?: number;
  /** The server refused the photo for good (its error code); it is not sent again. */
  uploadRefused?: string;
}

/** A photo as lists show it: metadata and the thumbnail, without the full-size bytes. */
export interface PhotoSummary {
  readonly photoId: string;
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly takenAt: string;
  readonly thumbnail: Blob;
}
