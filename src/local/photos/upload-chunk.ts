/** 64 KB: about 1.3 s at 400 kbps, so a drop costs at most that much again. */
export const UPLOAD_CHUNK_BYTES = 64 * 1024;
