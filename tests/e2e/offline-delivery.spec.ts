import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { countServerRecords } from './server-rows';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

test('a report filled offline survives reloads, waits for sign-in when the signal returns, and is delivered once', async ({
  context,
  page,
}) => {
  const dataDir = makeDataDir();
  server = await startServer({ dataDir });

  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Послуги' })).toBeVisible();
  await waitForServiceWorkerControl(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Послуги' })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText('Немає зв’язку');

  await fillDamageReport(page, 'Вибито всі вікна, пошкоджено дах над кухнею.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення прийнято на телефоні' }),
  ).toBeVisible();
  const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^LV-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByTestId('record-state')).toHaveText('Чекає на відправлення');

  // The phone is closed and opened again, still with no signal.
  await page.reload();
  await page.getByRole('link', { name: 'Мої заяви' }).click();
  const item = page.getByTestId('record').filter({ hasText: reference });
  await expect(item.getByTestId('record-state')).toHaveText('Чекає на відправлення');
  await expect(page.getByTestId('waiting')).toHaveText('1 заява чекає на відправлення');
  // With an item waiting, the app has asked the browser to keep its data; if the browser said no, the
  // person is told plainly that the data is at risk.
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(page.getByTestId('storage-warning')).toHaveCount(persisted ? 0 : 1);
  expect(countServerRecords(dataDir, reference)).toBe(0);

  // Signal returns. Sending needs to know who sends: the app asks the person to sign in, and the
  // item waits, safe, until they do.
  await context.setOffline(false);
  await expect(page.getByText('Увійдіть, щоб надіслати заяви.')).toBeVisible({ timeout: 30_000 });
  await expect(item.getByTestId('record-state')).toHaveText('Чекає на відправлення');
  expect(countServerRecords(dataDir, reference)).toBe(0);
  await signInOnPage(page, server);
  await page.getByRole('link', { name: /^Мої заяви/ }).click();
  await expect(item.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
  await expect(page.getByTestId('waiting')).toHaveText('Усе надіслано');
  await item.getByRole('link', { name: /Відкрити/ }).click();
  await expect(page.getByTestId('delivery')).toContainText('Сервер прийняв повідомлення');
  expect(countServerRecords(dataDir, reference)).toBe(1);

  // The row outlives a server restart.
  await server.stop();
  server = await startServer({ dataDir, port: server.port });
  expect(countServerRecords(dataDir, reference)).toBe(1);
  const health = await (await fetch(`${server.url}/api/health`)).json();
  expect(health.status).toBe('ok');
});

test('nothing typed is lost: a draft survives a reload mid-sentence', async ({ page }) => {
  server = await startServer({ dataDir: makeDataDir() });
  await page.goto(server.url);
  await page.getByRole('link', { name: /^Почати.*пошкоджене майно/ }).click();
  await page.getByLabel('Прізвище').fill('Коваленко-Шевчу');
  await expect(page.getByTestId('save-state')).toContainText('Збережено на телефоні');
  await expect(page).toHaveURL(/\/damage-report\/[0-9a-f-]{36}(\?step=1)?$/);
  await page.reload();
  await expect(page.getByLabel('Прізвище')).toHaveValue('Коваленко-Шевчу');

  // "Next" on the incomplete step lists what is missing and keeps the text.
  await page.getByRole('button', { name: 'Далі', exact: true }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Ім’я: Заповніть це поле');
  await expect(summary).toContainText('Оберіть, ким ви є щодо майна');
  await expect(page.getByLabel('Прізвище')).toHaveValue('Коваленко-Шевчу');
  await summary.getByRole('link', { name: 'Введіть РНОКПП або позначте, що його у вас немає' }).click();
  await expect(page.getByLabel('РНОКПП (ідентифікаційний код)')).toBeFocused();

  // A description pasted beyond the limit is kept whole and the person is told, not silently cut.
  const tooLong = 'Пошкоджено дах. '.repeat(140);
  await page.goto(`${page.url().split('?')[0]}?step=6`);
  await page.getByLabel('Опишіть пошкодження').fill(tooLong);
  await page.getByRole('button', { name: 'Далі', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('задовгий');
  await expect(page.getByLabel('Опишіть пошкодження')).toHaveValue(tooLong);
});
