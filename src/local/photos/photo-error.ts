export type PhotoErrorCode =
  | 'photo.unreadable'
  | 'photo.tooLarge'
  | 'photo.tooMany'
  | 'photo.recordNotDraft'
  | 'photo.recordNotFound';

/**
 * A refused photo. The message is the code, because comlink carries an Error's message and name to the
 * page but not its other properties; the page translates the code.
 */
export class PhotoError extends Error {
  constructor(readonly code: PhotoErrorCode) {
    super(code);
    this.name = 'PhotoError';
  }
}

export function isPhotoErrorCode(value: string): value is PhotoErrorCode {
  return /^photo\.(unreadable|tooLarge|tooMany|recordNotDraft|recordNotFound)$/.test(value);
}
