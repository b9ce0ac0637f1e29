import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from '@playwright/test';
import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { startFaultProxy } from './fault-proxy';
import { FIXTURE_DIR, makePhotoFixtures, paintJpeg } from './fixtures/photo-fixtures';
import { createCaseworker, KYIV_CITY, signInOnPage } from './people';
import { attachOnPhotoStep } from './photo-picking';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, test } from './test';

const CHUNK = 64 * 1024;
/** DESIGN.md's thin link: 400 kbps each way, 400 ms on the way. */
const THIN_LINK = { bytesPerSecond: 400_000 / 8, latencyMs: 400 };
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let server: RunningServer | undefined;
let stopProxy: (() => Promise<void>) | undefined;

test.afterEach(async () => {
  await stopProxy?.();
  await server?.stop();
});

interface ChunkLog {
  readonly upload: string;
  readonly offset: number;
  readonly bytes: number;
  readonly appended: boolean;
}

test('five photos over a thin link survive an offline cut and a connection reset mid-chunk, each byte taken once', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(300_000);
  const painter = await browser.newPage();
  const fixtures = await makePhotoFixtures(painter);
  const extra = [4, 5].map((seed) => {
    const path = join(FIXTURE_DIR, `resume-${seed}.jpg`);
    return { seed, path };
  });
  for (const { seed, path } of extra) {
    writeFileSync(path, await paintJpeg(painter, { width: 3000, height: 2000, seed }));
  }
  await painter.close();
  const files = [fixtures.sideways, fixtures.landscape, fixtures.small, ...extra.map(({ path }) => path)];

  const dataDir = makeDataDir();
  server = await startServer({ dataDir, captureLog: true });
  const proxy = await startFaultProxy(server.port);
  stopProxy = () => proxy.stop();
  // The phone reaches the server only through the link; the caseworker's office does not.
  const phoneServer = { ...server, url: proxy.url };

  await page.goto(proxy.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, phoneServer);
  await page.goto(proxy.url);

  const events: string[] = [];
  const patches: { sha: string; offset: number; bytes: number; finished: boolean }[] = [];
  const isPatch = (request: Request) =>
    request.method() === 'PATCH' && request.url().includes('/api/uploads/');
  const patchOf = (request: Request) =>
    patches.find(
      (patch) =>
        !patch.finished &&
        patch.sha === request.url().split('/').at(-1) &&
        patch.offset === Number(request.headers()['upload-offset']),
    );
  context.on('request', (request) => {
    if (!isPatch(request)) return;
    events.push('patch');
    patches.push({
      sha: request.url().split('/').at(-1) ?? '',
      offset: Number(request.headers()['upload-offset']),
      // A worker's Blob body is not visible to Playwright without interception (which would hide
      // the proxy's faults); a chunk is the next CHUNK bytes of the photo or what is left of it.
      bytes: Math.min(
        CHUNK,
        Number(request.headers()['upload-length']) - Number(request.headers()['upload-offset']),
      ),
      finished: false,
    });
  });
  const finish = (request: Request) => {
    const patch = isPatch(request) ? patchOf(request) : undefined;
    if (patch) patch.finished = true;
  };
  context.on('requestfinished', async (request) => {
    if (request.url().endsWith('/api/sync/push') && (await request.response())?.status() === 200) {
      events.push('push.answered');
    }
    finish(request);
  });
  context.on('requestfailed', finish);

  // No signal: the report and its five photos wait on the phone.
  await context.setOffline(true);
  await fillDamageReport(page, 'Вибито вікна на всій вулиці, пʼять фото.', {
    eachStep: attachOnPhotoStep(page, files),
  });
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 0 з 5 надіслано');
  const recordId = /\/applications\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  expect(recordId).toBeDefined();

  const chunkLog = (): ChunkLog[] =>
    (server?.logEvents ?? [])
      .filter((event) => event.event === 'upload.chunk')
      .map((event) => event as unknown as ChunkLog);
  const appendedChunks = () => chunkLog().filter((chunk) => chunk.appended).length;

  // Signal comes back, but thin. Once some photo bytes are in and a chunk is on its way: offline.
  proxy.setLink(THIN_LINK);
  await context.setOffline(false);
  await expect.poll(appendedChunks, { timeout: 90_000 }).toBeGreaterThan(0);
  await expect.poll(() => patches.some((patch) => !patch.finished), { timeout: 30_000 }).toBe(true);
  await context.setOffline(true);
  await page.waitForTimeout(2_000);
  await expect(page.getByTestId('photo-upload-progress')).not.toHaveText('Фото: 5 з 5 надіслано');
  // The text is with the office however the photos are doing.
  await expect(page.getByTestId('delivery')).toContainText('Сервер прийняв повідомлення');

  // Back online, and this time the tower drops the connection 20 KB into a chunk.
  const reset = proxy.resetNextUpload(20_000);
  const appendedBeforeReset = { value: 0 };
  await context.setOffline(false);
  await reset;
  appendedBeforeReset.value = appendedChunks();
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 5 з 5 надіслано', {
    timeout: 180_000,
  });
  expect(appendedChunks()).toBeGreaterThan(appendedBeforeReset.value);

  // Text before the first photo byte.
  expect(events.indexOf('push.answered')).toBeGreaterThanOrEqual(0);
  expect(events.indexOf('push.answered')).toBeLessThan(events.indexOf('patch'));

  // The caseworker's view: every photo, byte for byte.
  createCaseworker(server, 'o.kyiv', 'correct horse battery staple', [KYIV_CITY]);
  const office = await browser.newContext();
  const officePage = await office.newPage();
  await officePage.goto(`${server.url}/staff/`);
  await officePage.getByLabel('Логін').fill('o.kyiv');
  await officePage.getByLabel('Пароль').fill('correct horse battery staple');
  await officePage.getByRole('button', { name: 'Увійти' }).click();
  await expect(officePage.getByRole('heading', { level: 1, name: 'Черга заяв' })).toBeVisible();
  await officePage.goto(`${server.url}/staff/records/${recordId}`);
  await expect(officePage.getByTestId('staff-photo-summary')).toHaveText('Фото: 5 з 5 надійшли');
  const images = officePage.getByTestId('staff-photo');
  await expect(images).toHaveCount(5);
  for (const image of await images.all()) {
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
      .toBeGreaterThan(0);
  }
  await expect(officePage.getByTestId('staff-photo-pending')).toHaveCount(0);

  const record = (await (
    await officePage.request.get(`${server.url}/api/staff/records/${recordId}`)
  ).json()) as { fields: Record<string, unknown> };
  const photoIds = Object.keys(record.fields)
    .map((path) => /^photos\/([^/]+)\/_exists$/.exec(path)?.[1])
    .filter((id): id is string => id !== undefined && record.fields[`photos/${id}/_exists`] === true);
  expect(photoIds).toHaveLength(5);
  let photoBytes = 0;
  const shas = new Set<string>();
  for (const photoId of photoIds) {
    const answer = await officePage.request.get(
      `${server.url}/api/staff/records/${recordId}/photos/${photoId}`,
    );
    expect(answer.status()).toBe(200);
    const bytes = new Uint8Array(await answer.body());
    const sha = String(record.fields[`photos/${photoId}/sha256`]);
    expect(sha256Of(bytes)).toBe(sha);
    photoBytes += bytes.byteLength;
    shas.add(sha);
  }
  await office.close();

  // The server's own log: the reset chunk was noticed and dropped, and every chunk it kept started
  // exactly where the previous one of that photo ended — no byte was taken twice, none skipped.
  const incomplete = (server.logEvents ?? []).filter((event) => event.event === 'upload.chunkIncomplete');
  expect(incomplete.length).toBeGreaterThanOrEqual(1);
  const kept = chunkLog().filter((chunk) => chunk.appended);
  expect(kept.reduce((sum, chunk) => sum + chunk.bytes, 0)).toBe(photoBytes);
  const heldPerUpload = new Map<string, number>();
  for (const chunk of kept) {
    expect(chunk.offset).toBe(heldPerUpload.get(chunk.upload) ?? 0);
    heldPerUpload.set(chunk.upload, chunk.offset + chunk.bytes);
  }
  expect(heldPerUpload.size).toBe(5);
  // What the phone put on the air: the photos once, plus at most the two chunks the cuts caught.
  const sentBytes = patches.reduce((sum, patch) => sum + patch.bytes, 0);
  expect(sentBytes).toBeGreaterThanOrEqual(photoBytes);
  expect(sentBytes).toBeLessThanOrEqual(photoBytes + 2 * CHUNK);

  // The same photo on a second report travels zero bytes and is stored once.
  proxy.setLink(undefined);
  const chunksBefore = chunkLog().length;
  const patchesBefore = patches.length;
  await page.goto(proxy.url);
  await fillDamageReport(page, 'Той самий будинок, те саме фото.', {
    eachStep: attachOnPhotoStep(page, [fixtures.landscape]),
  });
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 1 з 1 надіслано', {
    timeout: 60_000,
  });
  expect(chunkLog().length).toBe(chunksBefore);
  expect(patches.length).toBe(patchesBefore);
  const stored = readdirSync(join(dataDir, 'blobs'))
    .filter((name) => /^[0-9a-f]{2}$/.test(name))
    .flatMap((prefix) => readdirSync(join(dataDir, 'blobs', prefix)).map((rest) => prefix + rest));
  expect(new Set(stored)).toEqual(shas);
});
