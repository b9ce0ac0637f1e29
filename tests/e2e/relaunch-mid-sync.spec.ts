import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { countServerRecords } from './server-rows';
import { chromium, expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

test('the browser closed in the middle of a sync finishes the outbox after relaunch, without duplicates', async ({
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  const dataDir = makeDataDir();
  server = await startServer({ dataDir });
  const profile = mkdtempSync(join(tmpdir(), 'lastivka-profile-'));
  const launchOptions = testInfo.project.use.launchOptions ?? {};

  let context = await chromium.launchPersistentContext(profile, launchOptions);
  let page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await context.setOffline(true);
  const references: string[] = [];
  for (const description of ['Перше: вибито вікна.', 'Друге: пошкоджено дах.', 'Третє: тріщини у стінах.']) {
    await page.goto(`${server.url}/`);
    await fillDamageReport(page, description);
    await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    references.push(((await page.getByTestId('reference').textContent()) ?? '').trim());
  }
  await expect(page.getByTestId('waiting')).toHaveText('3 заяви чекають на відправлення');

  // Online again; the browser is killed as soon as the first push leaves.
  const pushSent = page
    .context()
    .waitForEvent('request', (request) => request.url().endsWith('/api/sync/push'));
  await context.setOffline(false);
  await pushSent;
  await context.close();

  context = await chromium.launchPersistentContext(profile, launchOptions);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/applications`);
  await expect(page.getByTestId('waiting')).toHaveText('Усе надіслано', { timeout: 30_000 });
  await expect(page.getByTestId('record-state')).toHaveText(['Доставлено', 'Доставлено', 'Доставлено']);
  for (const reference of references) expect(countServerRecords(dataDir, reference)).toBe(1);
  await context.close();
});
