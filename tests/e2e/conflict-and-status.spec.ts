import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { createCaseworker, KYIV_CITY, signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { type StaffCall, staffSession } from './staff-api';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

/** A caseworker for Kyiv city, where the reports in these tests are. */
async function caseworker(): Promise<StaffCall> {
  createCaseworker(server, 'kyiv.office', 'correct horse battery staple', [KYIV_CITY]);
  return staffSession(server, 'kyiv.office', 'correct horse battery staple');
}

test('an offline edit that crosses an office correction becomes a choice, and both sides converge', async ({
  context,
  page,
}) => {
  server = await startServer({ dataDir: makeDataDir() });
  const staff = await caseworker();
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);
  await fillDamageReport(page, 'Пошкоджено дах і два вікна.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено');
  const recordId = page.url().split('/').pop() ?? '';
  expect(recordId).toMatch(/^[0-9a-f-]{36}$/);

  // The person edits while offline…
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Змінити дані' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Зміна даних повідомлення/ })).toBeVisible();
  // A submitted report opens on "check your answers"; "Change" opens the step and "Next" comes back.
  await page.getByRole('link', { name: 'Змінити Опишіть пошкодження' }).click();
  await page.getByLabel('Опишіть пошкодження').fill('Пошкоджено дах, два вікна і двері.');
  await page.getByRole('button', { name: 'Далі', exact: true }).click();
  await expect(page.getByTestId('answer-description')).toContainText('Пошкоджено дах, два вікна і двері.');
  await page.getByRole('button', { name: 'Зберегти зміни' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Чекає на відправлення');

  // …while the office corrects the same field.
  await staff('POST', `/records/${recordId}/fields`, {
    changes: [
      { path: 'description', base: 'Пошкоджено дах і два вікна.', value: 'Пошкоджено дах і вікна (2 шт.).' },
    ],
  });

  await context.setOffline(false);
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  await expect(conflict).toContainText('офіс змінив поле «Опишіть пошкодження»');
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Пошкоджено дах і вікна (2 шт.).');
  await expect(conflict.getByTestId('conflict-yours')).toHaveText('Пошкоджено дах, два вікна і двері.');
  await expect(page.getByRole('link', { name: 'Мої заяви (1)' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'conflict screen');

  await conflict.getByRole('button', { name: 'Залишити моє значення' }).click();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
  await expect
    .poll(async () => (await staff('GET', `/records/${recordId}`)).fields.description)
    .toBe('Пошкоджено дах, два вікна і двері.');
  await expect(page.getByText('Пошкоджено дах, два вікна і двері.')).toBeVisible();
});

test('status changes and questions from the office reach the phone; the answer goes back', async ({
  page,
}) => {
  server = await startServer({ dataDir: makeDataDir() });
  const staff = await caseworker();
  await signInOnPage(page, server);
  await page.goto(server.url);
  await fillDamageReport(page, 'Зруйновано веранду та паркан.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено');
  const recordId = page.url().split('/').pop() ?? '';
  await expect(page.getByTestId('office-status')).toHaveText('Отримано офісом');

  await staff('POST', `/records/${recordId}/status`, { status: 'inReview' });
  await staff('POST', `/records/${recordId}/info-requests`, {
    question: 'Чи є фото пошкодженого паркану?',
  });

  // Opening the app again is when it looks for news.
  await page.reload();
  await expect(page.getByTestId('office-status')).toHaveText('Офіс просить додаткову інформацію', {
    timeout: 30_000,
  });
  const request = page.getByTestId('info-request');
  await expect(request).toContainText('Чи є фото пошкодженого паркану?');
  await expect(page.getByText('Новий стан: Розглядається')).toBeVisible();
  await expect(page.getByText('Офіс поставив запитання')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'application with a question');

  await request.getByRole('button', { name: 'Надіслати відповідь' }).click();
  await expect(request.getByText('Напишіть відповідь')).toBeVisible();
  await request.getByLabel('Ваша відповідь').fill('Так, надішлю в наступному повідомленні.');
  await request.getByRole('button', { name: 'Надіслати відповідь' }).click();
  await expect(request).toContainText('Ваша відповідь: Так, надішлю в наступному повідомленні.');
  await expect
    .poll(async () => {
      const record = await staff('GET', `/records/${recordId}`);
      return Object.entries(record.fields).find(([path]) => path.endsWith('/answer'))?.[1];
    })
    .toBe('Так, надішлю в наступному повідомленні.');
});
