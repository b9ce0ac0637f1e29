import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { makePhotoFixtures } from './fixtures/photo-fixtures';
import { signInOnPage } from './people';
import { attachOnPhotoStep } from './photo-picking';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { countServerRecords, serverPhotoHashes } from './server-rows';
import { type BrowserContext, expect, type Page, test } from './test';

// The volunteer's case: reports collected with no signal, the app closed, and the signal coming back
// while nobody looks. Background Sync wakes the service worker, which sends by itself.

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

const SYNC_TAG = 'lastivka-outbox';
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PUSH = '/api/sync/push';
const UPLOAD = '/api/uploads/:sha256';

/** A request line of the server's log (route patterns and statuses only). */
const isRequest = (event: Record<string, unknown>, method: string, route: string) =>
  event.event === 'request' && event.method === method && event.route === route;

/**
 * Waits for the app's Background Sync to run, as the browser runs it when connectivity returns: the
 * first push reaching the server after `from` in its log. Chromium fires the sync itself when DevTools'
 * offline emulation ends; should it not (a machine it believes has no network at all), the event is
 * fired through DevTools instead, from an about:blank page, which is no client of the app, so the
 * service worker still sees no page open.
 */
async function backgroundSyncRuns(context: BrowserContext, from: number): Promise<void> {
  const pushed = () => server.logEvents.slice(from).some((event) => isRequest(event, 'POST', PUSH));
  try {
    await expect.poll(pushed, { timeout: 15_000 }).toBe(true);
    return;
  } catch {
    // The browser did not fire it: fire it the way it would.
  }
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((entry) => entry.scopeURL === `${server.url}/` && !entry.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: server.url,
    registrationId: await registrationId,
    tag: SYNC_TAG,
    lastChance: false,
  });
  await cdp.detach();
  await blank.close();
  await expect.poll(pushed, { timeout: 15_000 }).toBe(true);
}

/**
 * Everything the app keeps on the phone, photos without their bytes. Read from `page`, which must be a
 * page of the app's origin.
 */
async function phoneData(page: Page): Promise<{ photos: { sha256: string }[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('lastivka');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [records, outbox, meta, photos] = await Promise.all(
      ['records', 'outbox', 'meta', 'photos'].map(all),
    );
    db.close();
    return {
      records,
      outbox,
      meta,
      photos: photos!.map(({ blob, thumbnail, ...entry }) => ({
        ...entry,
        sha256: String(entry.sha256),
        blob: (blob as Blob).size,
        thumbnail: (thumbnail as Blob).size,
      })),
    };
  });
}

/** The phone's data read from a page of the origin that is not the app (so no data worker starts). */
async function phoneDataWithoutTheApp(context: BrowserContext, origin: string): Promise<unknown> {
  const reader = await context.newPage();
  await reader.goto(`${origin}/api/health`);
  const data = await phoneData(reader);
  await reader.close();
  return data;
}

async function reportWithPhotoOffline(context: BrowserContext, page: Page, photo: string): Promise<string> {
  await context.setOffline(true);
  await fillDamageReport(page, 'Зруйновано дах над кухнею, фото додано.', {
    eachStep: attachOnPhotoStep(page, [photo]),
  });
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення прийнято на телефоні' }),
  ).toBeVisible();
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 0 з 1 надіслано');
  return (await page.getByTestId('reference').textContent())?.trim() ?? '';
}

test('with the app closed, the service worker sends the report and then its photo; the app opened later only records it', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(180_000);
  const painter = await browser.newPage();
  const fixtures = await makePhotoFixtures(painter);
  await painter.close();

  const dataDir = makeDataDir();
  server = await startServer({ dataDir, captureLog: true });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);

  const reference = await reportWithPhotoOffline(context, page, fixtures.landscape);
  const applicationUrl = page.url();
  const kept = await phoneData(page);

  // The volunteer closes the app; the signal returns with no page of it open.
  await page.close();
  expect(context.pages()).toEqual([]);
  await context.setOffline(false);
  expect(countServerRecords(dataDir, reference)).toBe(0);
  const sentFrom = server.logEvents.length;
  await backgroundSyncRuns(context, sentFrom);

  await expect
    .poll(() => server.logEvents.slice(sentFrom).some((event) => event.event === 'upload.complete'), {
      timeout: 60_000,
    })
    .toBe(true);
  expect(countServerRecords(dataDir, reference)).toBe(1);
  const [sha] = serverPhotoHashes(dataDir, reference);
  expect(serverPhotoHashes(dataDir, reference)).toHaveLength(1);
  const stored = join(dataDir, 'blobs', sha!.slice(0, 2), sha!.slice(2));
  expect(existsSync(stored)).toBe(true);
  expect(sha256Of(readFileSync(stored))).toBe(sha);
  expect(kept.photos.map((photo) => photo.sha256)).toEqual([sha]);
  // Text first: the push was answered before anything of the photo was asked or sent.
  const sent = server.logEvents.slice(sentFrom);
  const answered = sent.findIndex((event) => isRequest(event, 'POST', PUSH) && event.status === 200);
  const firstUpload = sent.findIndex((event) => event.event === 'request' && event.route === UPLOAD);
  expect(answered).toBeGreaterThanOrEqual(0);
  expect(firstUpload).toBeGreaterThan(answered);
  expect(sent.some((event) => isRequest(event, 'PATCH', UPLOAD))).toBe(true);
  // The service worker only read the phone's database: the record still waits there, as it was.
  expect(await phoneDataWithoutTheApp(context, server.url)).toEqual(kept);

  // The app opens: its worker's push gets the stored answer, its HEAD finds the photo complete.
  const openedFrom = server.logEvents.length;
  const app = await context.newPage();
  await app.goto(applicationUrl);
  await expect(app.getByTestId('delivery')).toContainText('Сервер прийняв повідомлення', { timeout: 30_000 });
  await expect(app.getByTestId('photo-upload-progress')).toHaveText('Фото: 1 з 1 надіслано', {
    timeout: 30_000,
  });
  const afterOpening = server.logEvents.slice(openedFrom);
  expect(afterOpening.some((event) => isRequest(event, 'HEAD', UPLOAD))).toBe(true);
  expect(afterOpening.filter((event) => isRequest(event, 'PATCH', UPLOAD))).toEqual([]);
  expect(countServerRecords(dataDir, reference)).toBe(1);
});

test('with the app closed and the session gone, the service worker sends nothing and writes nothing', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(120_000);
  const painter = await browser.newPage();
  const fixtures = await makePhotoFixtures(painter);
  await painter.close();

  const dataDir = makeDataDir();
  server = await startServer({ dataDir, captureLog: true });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);

  const reference = await reportWithPhotoOffline(context, page, fixtures.small);
  const kept = await phoneData(page);
  await page.close();
  await context.clearCookies();
  await context.setOffline(false);
  const sentFrom = server.logEvents.length;
  await backgroundSyncRuns(context, sentFrom);

  // The push is refused for want of a session, and nothing follows it (nor is it retried at once).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const sent = server.logEvents.slice(sentFrom).filter((event) => event.event === 'request');
  expect(sent.map((event) => `${event.method} ${event.route} ${event.status}`)).toEqual([`POST ${PUSH} 401`]);
  expect(countServerRecords(dataDir, reference)).toBe(0);
  expect(await phoneDataWithoutTheApp(context, server.url)).toEqual(kept);
});
