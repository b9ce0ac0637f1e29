import { PhotoError, type ShrunkPhoto } from '../../local/photos';

/** Files above this are refused before decoding: no phone camera makes a 30 MB JPEG. */
export const PHOTO_INPUT_MAX_BYTES = 30 * 1024 * 1024;
/** 1600 px on the long side keeps cracks and water marks readable at a tenth of a camera file's size. */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_QUALITY = 0.7;
/** The upload budget of DESIGN.md; a very detailed scene is re-encoded a step lower to stay inside it. */
export const PHOTO_MAX_BYTES = 250 * 1024;
const FALLBACK_QUALITIES = [0.6, 0.5];
export const THUMBNAIL_MAX_SIDE = 240;
export const THUMBNAIL_QUALITY = 0.6;

export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  // Never upscales: a small picture keeps its size.
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function drawScaled(source: ImageBitmap | OffscreenCanvas, maxSide: number): OffscreenCanvas {
  const { width, height } = fitWithin(source.width, source.height, maxSide);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { alpha: false });
  if (!context) throw new PhotoError('photo.unreadable');
  // JPEG has no transparency: a transparent PNG's background becomes white, not black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return canvas;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Turns a picked or captured file into the JPEG kept with the report. Runs in the data worker only:
 * decoding a 12-megapixel photo takes the better part of a second on a cheap phone and would freeze the
 * form if it ran on the page.
 *
 * Privacy: the output is re-encoded from decoded pixels, so nothing of the original file but the
 * picture survives. EXIF (GPS position, time, camera and lens serial numbers), XMP, IPTC, maker notes
 * and embedded previews are all dropped, and Chromium's JPEG encoder writes no APP1 segment at all
 * (tests/e2e/photos.spec.ts reads the stored bytes back and checks for it). The EXIF orientation is
 * applied to the pixels while decoding (`imageOrientation: 'from-image'`), so the picture still shows
 * the right way up without the tag.
 */
export async function shrinkPhoto(file: Blob): Promise<ShrunkPhoto> {
  if (file.size > PHOTO_INPUT_MAX_BYTES) throw new PhotoError('photo.tooLarge');
  if (file.size === 0 || (file.type !== '' && !file.type.startsWith('image/'))) {
    throw new PhotoError('photo.unreadable');
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('photo.unreadable');
  }
  try {
    const canvas = drawScaled(bitmap, PHOTO_MAX_SIDE);
    // The decoded original is 48 MB at 12 megapixels: let it go before encoding (closing twice is harmless).
    bitmap.close();
    let blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_QUALITY });
    for (const quality of FALLBACK_QUALITIES) {
      if (blob.size <= PHOTO_MAX_BYTES) break;
      blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
    const thumbnail = await drawScaled(canvas, THUMBNAIL_MAX_SIDE).convertToBlob({
      type: 'image/jpeg',
      quality: THUMBNAIL_QUALITY,
    });
    return {
      sha256: await sha256Hex(blob),
      width: canvas.width,
      height: canvas.height,
      bytes: blob.size,
      blob,
      thumbnail,
    };
  } finally {
    bitmap.close();
  }
}
