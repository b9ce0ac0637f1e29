import type { Locator, Request } from '@playwright/test';
import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { makePhotoFixtures } from './fixtures/photo-fixtures';
import { signInOnPage } from './people';
import { attachOnPhotoStep } from './photo-picking';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, type Page, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

const CHUNK = 64 * 1024;
/** Long enough that a pause pressed while a photo is partly sent lands on a chunk still on the wire. */
const SLOW_LINK_MS = 1500;

/** Presses Tab from the top of the page until `target` has focus: it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error('not reached with Tab');
}

test('photo sending pauses mid-photo (the chunk on the wire is cut, the text unaffected), stays paused over a reload, and resumes from the server’s offset, by keyboard; each photo shows its progress', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(240_000);
  const painter = await browser.newPage();
  const fixtures = await makePhotoFixtures(painter);
  await painter.close();

  server = await startServer({ dataDir: makeDataDir() });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);

  const patches: { sha: string; offset: number; length: number; bytes: number }[] = [];
  const cutPatches: string[] = [];
  const syncRequests: string[] = [];
  const isPatch = (request: Request) =>
    request.method() === 'PATCH' && request.url().includes('/api/uploads/');
  context.on('request', (request) => {
    if (request.url().includes('/api/sync/')) syncRequests.push(new URL(request.url()).pathname);
    if (!isPatch(request)) return;
    patches.push({
      sha: request.url().split('/').at(-1)!,
      offset: Number(request.headers()['upload-offset']),
      length: Number(request.headers()['upload-length']),
      bytes: request.postDataBuffer()?.byteLength ?? 0,
    });
  });
  context.on('requestfailed', (request) => {
    if (isPatch(request)) cutPatches.push(request.failure()?.errorText ?? '');
  });
  await context.route('**/api/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH')
      await new Promise((resolve) => setTimeout(resolve, SLOW_LINK_MS));
    // A request the page aborted meanwhile cannot be continued.
    await route.continue().catch(() => undefined);
  });

  await context.setOffline(true);
  await fillDamageReport(page, 'Зруйновано дах, є фото.', {
    eachStep: attachOnPhotoStep(page, [fixtures.sideways, fixtures.landscape, fixtures.small]),
  });
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 0 з 3 надіслано');
  const items = page.getByTestId('photo-upload-items').getByTestId('photo-upload-item');
  await expect(items).toHaveText(['Фото 1: чекає черги', 'Фото 2: чекає черги', 'Фото 3: чекає черги']);

  // The pause is there before anything travels, and reachable with Tab.
  const pause = page.getByRole('button', { name: 'Призупинити надсилання фото' });
  const resume = page.getByRole('button', { name: 'Продовжити надсилання фото' });
  await tabTo(page, pause);

  // Signal returns; once the first photo is partly on the server (its next chunk on the wire), pause.
  await context.setOffline(false);
  await expect(items.first()).toHaveText(/^Фото 1: \d+ з \d+ КБ$/, { timeout: 60_000 });
  await expect(pause).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('photo-upload-paused')).toHaveText('Надсилання фото призупинено.');
  // The pressed button is gone; focus is on the one that replaced it.
  await expect(resume).toBeFocused();
  await expect(pause).toHaveCount(0);
  // The chunk that was on the wire is cut at once, not left to crawl through.
  await expect.poll(() => cutPatches.length, { timeout: 1000 }).toBe(1);
  const cut = patches.at(-1)!;
  expect(cut.offset).toBeGreaterThan(0);

  // Paused: no photo request goes out, while the text is with the office and sync carries on.
  const sentBeforePause = patches.length;
  await page.waitForTimeout(4000);
  expect(patches.length).toBe(sentBeforePause);
  await expect(page.getByTestId('delivery')).toContainText('Сервер прийняв повідомлення');
  await expect(items.first()).toHaveText(`Фото 1: ${cut.offset / 1024} з ${Math.ceil(cut.length / 1024)} КБ`);
  const firstBar = page.getByRole('progressbar', { name: /^Фото 1:/ });
  expect(await firstBar.evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([
    cut.offset,
    cut.length,
  ]);
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 0 з 3 надіслано');
  await expectNoSeriousAxeViolations(page, 'application page with photo sending paused');

  // A reload starts a new worker, which syncs the text again but still sends no photo.
  syncRequests.length = 0;
  await page.reload();
  await expect(page.getByTestId('photo-upload-paused')).toBeVisible();
  await expect(resume).toBeVisible();
  await expect.poll(() => syncRequests.includes('/api/sync/pull'), { timeout: 30_000 }).toBe(true);
  await page.waitForTimeout(3000);
  expect(patches.length).toBe(sentBeforePause);

  // Resume by keyboard: sending starts at once, from the offset the server holds.
  await tabTo(page, resume);
  await page.keyboard.press('Space');
  await expect(pause).toBeFocused();
  await expect(page.getByTestId('photo-upload-paused')).toHaveCount(0);
  await expect.poll(() => patches.length, { timeout: 10_000 }).toBeGreaterThan(sentBeforePause);
  expect(patches[sentBeforePause]).toMatchObject({ sha: cut.sha, offset: cut.offset });

  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 3 з 3 надіслано', {
    timeout: 90_000,
  });
  await expect(items).toHaveText(['Фото 1: надіслано', 'Фото 2: надіслано', 'Фото 3: надіслано']);
  for (const bar of await page.getByRole('progressbar').all()) {
    const [value, max] = await bar.evaluate((element: HTMLProgressElement) => [element.value, element.max]);
    expect(value).toBe(max);
  }
  // Both buttons go once nothing is left to send.
  await expect(pause).toHaveCount(0);
  await expect(resume).toHaveCount(0);

  // Only the chunk the pause cut travelled twice.
  const photoBytes = [...new Map(patches.map((patch) => [patch.sha, patch.length])).values()].reduce(
    (sum, bytes) => sum + bytes,
    0,
  );
  const sentBytes = patches.reduce((sum, patch) => sum + patch.bytes, 0);
  expect(sentBytes).toBeGreaterThanOrEqual(photoBytes);
  expect(sentBytes).toBeLessThanOrEqual(photoBytes + CHUNK);
});
