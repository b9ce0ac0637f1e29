import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import {
  CAMERA_MAKE,
  CAMERA_SERIAL,
  jpegSegments,
  jpegSize,
  makePhotoFixtures,
  type PhotoFixtures,
  readExif,
} from './fixtures/photo-fixtures';
import { chooseFiles } from './photo-picking';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, type Page, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

const UPLOAD_BUDGET_BYTES = 250 * 1024;

/**
 * Counts image work on the page's main thread. The data worker has its own globals, which this does
 * not touch, so any count above zero means pixels were handled on the page.
 */
function countMainThreadImageWork(): void {
  const counts = { createImageBitmap: 0, getContext: 0, toBlob: 0, toDataURL: 0, OffscreenCanvas: 0 };
  (window as unknown as { __imageWork: typeof counts }).__imageWork = counts;
  const original = window.createImageBitmap;
  window.createImageBitmap = ((...args: Parameters<typeof createImageBitmap>) => {
    counts.createImageBitmap++;
    return original.apply(window, args);
  }) as typeof createImageBitmap;
  const canvas = HTMLCanvasElement.prototype;
  for (const name of ['getContext', 'toBlob', 'toDataURL'] as const) {
    const method = canvas[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(canvas, name, {
      value(this: HTMLCanvasElement, ...args: unknown[]) {
        counts[name]++;
        return method.apply(this, args);
      },
    });
  }
  const Offscreen = window.OffscreenCanvas;
  window.OffscreenCanvas = class extends Offscreen {
    constructor(width: number, height: number) {
      counts.OffscreenCanvas++;
      super(width, height);
    }
  };
}

interface StoredPhoto {
  id: string;
  recordId: string;
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  type: string;
  base64: string;
}

/** Reads the photos table straight from IndexedDB, as the upload will: the stored bytes themselves. */
async function readStoredPhotos(
  page: Page,
): Promise<{ photos: StoredPhoto[]; fields: Record<string, unknown> }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('lastivka');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const rows = await all<{ blob: Blob } & Omit<StoredPhoto, 'type' | 'base64'>>('photos');
    const records = await all<{ id: string; data: Record<string, unknown> }>('records');
    db.close();
    const photos: StoredPhoto[] = [];
    for (const { blob, id, recordId, sha256, width, height, bytes } of rows) {
      const data = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let index = 0; index < data.length; index += 0x8000) {
        binary += String.fromCharCode(...data.subarray(index, index + 0x8000));
      }
      photos.push({ id, recordId, sha256, width, height, bytes, type: blob.type, base64: btoa(binary) });
    }
    return { photos, fields: records[0]?.data ?? {} };
  });
}

test('photos are shrunk in the worker, stripped of metadata, kept offline with the draft', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(180_000);
  // Test photos are painted in a separate page, so the app page's counters see only the app.
  const painter = await browser.newPage();
  const fixtures: PhotoFixtures = await makePhotoFixtures(painter);
  const original = readFileSync(fixtures.sideways);
  expect(readExif(original)).toMatchObject({
    orientation: 6,
    make: CAMERA_MAKE,
    serial: CAMERA_SERIAL,
    latitude: expect.closeTo(50.45042, 4),
    longitude: expect.closeTo(30.5234, 4),
  });
  expect(jpegSize(original)).toEqual({ width: 4000, height: 3000 });

  server = await startServer({ dataDir: makeDataDir() });
  await page.addInitScript(countMainThreadImageWork);
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);

  // The description is step 6 of the report; photos are step 7.
  await page.goto(`${server.url}/damage-report/new?step=6`);
  await page.getByLabel('Опишіть пошкодження').fill('Тріщина в несучій стіні, вибито вікна.');
  await expect(page.getByTestId('save-state')).toContainText('Збережено на телефоні');
  await expect(page).toHaveURL(/\/damage-report\/[0-9a-f-]{36}\?step=6$/);
  await page.getByRole('button', { name: 'Далі', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Крок 7 з 8: Фото');

  // Every text the live region shows, in order.
  await page.evaluate(() => {
    const status = document.querySelector('[data-testid="photo-status"]')!;
    const heard: string[] = [];
    (window as unknown as { __heard: string[] }).__heard = heard;
    new MutationObserver(() => {
      const text = status.textContent ?? '';
      if (text && heard.at(-1) !== text) heard.push(text);
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await chooseFiles(page, [fixtures.sideways, fixtures.landscape, fixtures.small]);
  const status = page.getByTestId('photo-status');
  await expect(status).toHaveText('Збережено на телефоні фото: 3.', { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([
    'Стискаємо фото 1 з 3…',
    'Стискаємо фото 2 з 3…',
    'Стискаємо фото 3 з 3…',
    'Збережено на телефоні фото: 3.',
  ]);
  const thumbnails = page.getByRole('list', { name: 'Додані фото' }).getByRole('img');
  await expect(thumbnails).toHaveCount(3);
  await expect(thumbnails.nth(0)).toHaveAccessibleName('Фото 1');
  await expect
    .poll(() =>
      thumbnails.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth)),
    )
    .toEqual([180, 240, 240]);

  // Nothing above touched pixels on the page: decoding, drawing and encoding all ran in the worker.
  expect(await page.evaluate(() => (window as unknown as { __imageWork: unknown }).__imageWork)).toEqual({
    createImageBitmap: 0,
    getContext: 0,
    toBlob: 0,
    toDataURL: 0,
    OffscreenCanvas: 0,
  });

  const { photos, fields } = await readStoredPhotos(page);
  expect(photos).toHaveLength(3);
  const expectedSizes = [
    { width: 1200, height: 1600 }, // Orientation 6 applied: the sideways 4000×3000 comes out portrait.
    { width: 1600, height: 1200 },
    { width: 800, height: 600 }, // Never enlarged.
  ];
  const byOrder = expectedSizes.map((size) =>
    photos.find((photo) => photo.width === size.width && photo.height === size.height),
  );
  for (const [index, photo] of byOrder.entries()) {
    expect(photo, `stored photo ${index + 1}`).toBeDefined();
    const bytes = Buffer.from(photo!.base64, 'base64');
    expect(photo!.type).toBe('image/jpeg');
    expect(jpegSize(bytes)).toEqual(expectedSizes[index]);
    expect(Math.max(photo!.width, photo!.height)).toBeLessThanOrEqual(1600);
    expect(bytes.byteLength).toBe(photo!.bytes);
    expect(bytes.byteLength).toBeLessThanOrEqual(UPLOAD_BUDGET_BYTES);
    // No APP1 at all (EXIF or XMP), and no trace of the camera's strings anywhere in the file.
    const markers = jpegSegments(bytes).map((segment) => segment.marker);
    expect(markers).not.toContain(0xe1);
    expect(readExif(bytes)).toBeUndefined();
    expect(bytes.includes(Buffer.from(CAMERA_SERIAL))).toBe(false);
    expect(bytes.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
    // Content-addressed: the name is the SHA-256 of exactly these bytes, in the table and the record.
    expect(photo!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(fields[`photos/${photo!.id}/_exists`]).toBe(true);
    expect(fields[`photos/${photo!.id}/sha256`]).toBe(photo!.sha256);
    expect(fields[`photos/${photo!.id}/width`]).toBe(photo!.width);
    expect(fields[`photos/${photo!.id}/bytes`]).toBe(photo!.bytes);
  }

  // The red block painted in the stored top-left corner now shows top-right: the picture was turned.
  const corners = await painter.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixel = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)];
    return { topRight: pixel(bitmap.width - 40, 40), topLeft: pixel(40, 40) };
  }, byOrder[0]!.base64);
  expect(corners.topRight[0]).toBeGreaterThan(200);
  expect(corners.topRight[1]).toBeLessThan(60);
  expect(corners.topLeft).not.toEqual(corners.topRight);
  await painter.close();

  // The same photo again is kept once.
  await chooseFiles(page, [fixtures.sideways]);
  await expect(status).toHaveText('Це фото вже додано.', { timeout: 30_000 });
  await expect(thumbnails).toHaveCount(3);
  expect((await readStoredPhotos(page)).photos).toHaveLength(3);

  // A file that is not a picture is refused in plain words.
  await chooseFiles(page, [fixtures.notAPhoto]);
  await expect(page.getByRole('alert')).toHaveText(
    'Не вдалося відкрити файл як фото. Виберіть фото у форматі JPEG або PNG.',
  );
  await expect(thumbnails).toHaveCount(3);

  await expectNoSeriousAxeViolations(page, 'damage report with photo thumbnails');

  // Remove the second photo: its bytes go, its row is marked removed, focus returns to the picker.
  const second = photos.find((photo) => photo.width === 1600)!;
  await page.getByRole('button', { name: 'Видалити фото 2' }).click();
  await expect(status).toHaveText('Фото 2 видалено.');
  await expect(thumbnails).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Вибрати фото' })).toBeFocused();
  const afterRemoval = await readStoredPhotos(page);
  expect(afterRemoval.photos.map((photo) => photo.id).sort()).toEqual(
    photos
      .filter((photo) => photo.id !== second.id)
      .map((photo) => photo.id)
      .sort(),
  );
  expect(afterRemoval.fields[`photos/${second.id}/_exists`]).toBe(false);

  // Still offline: the photos come back after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Крок 7 з 8: Фото');
  await expect(thumbnails).toHaveCount(2);
  await expect(thumbnails.nth(1)).toHaveAccessibleName('Фото 2');
  await expect
    .poll(() =>
      thumbnails.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth)),
    )
    .toEqual([180, 240]);
  // The text typed before the photos is there too, one step back.
  await page.getByRole('link', { name: 'Назад' }).click();
  await expect(page.getByLabel('Опишіть пошкодження')).toHaveValue('Тріщина в несучій стіні, вибито вікна.');
  expect(await page.evaluate(() => (window as unknown as { __imageWork: unknown }).__imageWork)).toEqual({
    createImageBitmap: 0,
    getContext: 0,
    toBlob: 0,
    toDataURL: 0,
    OffscreenCanvas: 0,
  });
  // The counters do count: the same call made on the page shows up.
  expect(
    await page.evaluate(() => {
      document.createElement('canvas').getContext('2d');
      return (window as unknown as { __imageWork: { getContext: number } }).__imageWork.getContext;
    }),
  ).toBe(1);
});
