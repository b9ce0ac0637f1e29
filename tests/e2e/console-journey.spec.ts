import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { createCaseworker, KYIV_CITY, signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { staffSession } from './staff-api';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

test('the office asks in the console, the citizen answers offline, the office approves, the phone shows it', async ({
  browser,
  context,
  page,
}) => {
  server = await startServer({ dataDir: makeDataDir() });
  createCaseworker(server, 'kyiv.office', 'correct horse battery staple', [KYIV_CITY]);

  // The citizen: first visit, sign in, then a report made with no signal.
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);
  await context.setOffline(true);
  await fillDamageReport(page, 'Вибито вікна на кухні й у спальні.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  const reference = ((await page.getByTestId('reference').textContent()) ?? '').trim();
  await context.setOffline(false);
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });

  // The caseworker, in the console (its own browser context: a different person at a desk).
  const office = await (await browser.newContext()).newPage();
  await office.goto(`${server.url}/staff/`);
  await office.getByLabel('Логін').fill('kyiv.office');
  await office.getByLabel('Пароль').fill('correct horse battery staple');
  await office.getByRole('button', { name: 'Увійти' }).click();
  await expect(office.getByRole('heading', { level: 1, name: 'Черга заяв' })).toBeVisible();
  await expectNoSeriousAxeViolations(office, 'console queue');
  await office.getByRole('link', { name: reference }).click();
  await expect(office.getByTestId('staff-status')).toHaveText('отримано');
  await expectNoSeriousAxeViolations(office, 'console record');
  await office.getByLabel('Запитати громадянина').fill('Чи є фото вибитих вікон?');
  await office.getByRole('button', { name: 'Надіслати запитання' }).click();
  await expect(office.getByTestId('staff-status')).toHaveText('потрібна інформація');

  // The phone learns of the question at its next sync (opening the app), and answers with no signal.
  await page.reload();
  await expect(page.getByTestId('office-status')).toHaveText('Офіс просить додаткову інформацію', {
    timeout: 30_000,
  });
  const question = page.getByTestId('info-request');
  await expect(question).toContainText('Чи є фото вибитих вікон?');
  await context.setOffline(true);
  await question.getByLabel('Ваша відповідь').fill('Так, додам їх у наступному повідомленні.');
  await question.getByRole('button', { name: 'Надіслати відповідь' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Чекає на відправлення');
  await context.setOffline(false);
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });

  // The answer reaches the console; the caseworker approves.
  await office.reload();
  await expect(office.getByTestId('staff-question')).toContainText(
    'Відповідь: Так, додам їх у наступному повідомленні.',
  );
  await office.getByLabel('Новий стан').selectOption({ label: 'схвалено' });
  await office.getByRole('button', { name: 'Змінити стан' }).click();
  await expect(office.getByTestId('staff-status')).toHaveText('схвалено');

  await page.reload();
  await expect(page.getByTestId('office-status')).toHaveText('Схвалено', { timeout: 30_000 });
  await office.context().close();
});

test('two profiles on one phone never see each other’s items', async ({ page }) => {
  server = await startServer({ dataDir: makeDataDir() });
  await signInOnPage(page, server, '050 111 22 33');
  await page.goto(server.url);
  await fillDamageReport(page, 'Профіль Олени: пошкоджено дах.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  const first = ((await page.getByTestId('reference').textContent()) ?? '').trim();

  await page.getByRole('link', { name: 'Профілі' }).click();
  await expectNoSeriousAxeViolations(page, 'profiles');
  await page.getByLabel('Імʼя для нового профілю (бачите лише ви)').fill('Петро');
  await page.getByRole('button', { name: 'Додати профіль і перейти до нього' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Послуги' })).toBeVisible();
  await page.getByRole('link', { name: /^Мої заяви/ }).click();
  await expect(page.getByText('Поки що їх немає')).toBeVisible();
  // Switching signed the first person out: this profile must sign in for itself.
  await expect(page.getByRole('link', { name: 'Увійти' }).first()).toBeVisible();

  await page.goto(`${server.url}/`);
  await fillDamageReport(page, 'Профіль Петра: тріщини у стінах.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  const second = ((await page.getByTestId('reference').textContent()) ?? '').trim();

  await page.getByRole('link', { name: 'Петро' }).click();
  await page.getByRole('button', { name: 'Перейти до профілю «Основний профіль»' }).click();
  await page.getByRole('link', { name: /^Мої заяви/ }).click();
  await expect(page.getByTestId('record')).toHaveCount(1);
  await expect(page.getByTestId('record')).toContainText(first);
  await expect(page.getByText(second)).toHaveCount(0);
});

test('a caseworker invites a volunteer, who collects a report for someone else', async ({ page }) => {
  server = await startServer({ dataDir: makeDataDir() });
  createCaseworker(server, 'kyiv.office', 'correct horse battery staple', [KYIV_CITY]);
  const staff = await staffSession(server, 'kyiv.office', 'correct horse battery staple');
  const { code } = (await staff('POST', '/invites', {})) as unknown as { code: string };

  await signInOnPage(page, server, '093 555 44 33');
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Код запрошення').fill(code);
  await page.getByRole('button', { name: 'Підтвердити код' }).click();
  await expect(page.getByText('Готово: ви волонтер.')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'volunteer invite redeemed');

  // The subject's identity is in the report; the volunteer is only who collected it.
  await page.goto(server.url);
  await fillDamageReport(page, 'Зібрано волонтером: пошкоджено дах сусідки.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
  const recordId = page.url().split('/').pop() ?? '';
  expect((await staff('GET', `/records/${recordId}`)).fields.surname).toBe('Шевченко');
});
