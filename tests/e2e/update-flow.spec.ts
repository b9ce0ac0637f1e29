import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { waitForServiceWorkerControl } from './app-page';
import { copyBuiltApp, makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

test('a new version waits until the person agrees, then takes over', async ({ page }) => {
  const staticDir = copyBuiltApp();
  server = await startServer({ dataDir: makeDataDir(), staticDir });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await page.getByRole('link', { name: /^Почати.*пошкоджене майно/ }).click();
  await page.getByLabel('Прізвище').fill('Почав-Писати');
  await expect(page.getByTestId('save-state')).toContainText('Збережено на телефоні');

  // Publish a "new version": a changed service worker (pre-compressed copies removed so they cannot
  // serve the old bytes).
  const swPath = join(staticDir, 'sw.js');
  appendFileSync(swPath, `\n// version ${Date.now()}\n`);
  rmSync(`${swPath}.br`, { force: true });
  rmSync(`${swPath}.gz`, { force: true });
  expect(readFileSync(swPath, 'utf8')).toContain('// version');

  const oldScript = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  await expect(page.getByText('Доступна нова версія застосунку.')).toBeVisible();
  // Still on the old worker, and the person's text is untouched.
  const waiting = await page.evaluate(
    async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state,
  );
  expect(waiting).toBe('installed');
  await expect(page.getByLabel('Прізвище')).toHaveValue('Почав-Писати');

  await page.getByRole('button', { name: 'Оновити' }).click();
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return registration?.waiting === null && navigator.serviceWorker.controller?.state === 'activated';
  });
  await expect(page.getByLabel('Прізвище')).toHaveValue('Почав-Писати');
  expect(oldScript).toContain('/sw.js');
});
