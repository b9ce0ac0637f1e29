import { WRITE_HEADERS } from '../sync/write-headers';

// The upload protocol's wire, shared by both senders (the data worker, and the service worker with no
// page open); a leaf module, so the service worker takes it without Dexie or the protocol's schemas.

/** 64 KB: about 1.3 s at 400 kbps, so a drop costs at most that much again. */
export const UPLOAD_CHUNK_BYTES = 64 * 1024;

/**
 * The PATCH that appends the photo's next chunk at `offset`, which must be what the server holds
 * (tus core semantics: a wrong offset is answered 409 with the right one).
 */
export function chunkRequest(photo: { readonly blob: Blob; readonly bytes: number }, offset: number) {
  const chunk = photo.blob.slice(offset, offset + UPLOAD_CHUNK_BYTES);
  const init: RequestInit = {
    method: 'PATCH',
    headers: {
      ...WRITE_HEADERS,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'upload-length': String(photo.bytes),
    },
    body: chunk,
  };
  return { init, size: chunk.size };
}

/** The bytes the server says it holds, from a HEAD or PATCH answer. */
export function heldOffset(response: Response): number | undefined {
  const value = response.headers.get('upload-offset');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function uploadComplete(response: Response): boolean {
  return response.headers.get('upload-complete') === '?1';
}
