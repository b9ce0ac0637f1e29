import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { countServerRecords } from './server-rows';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

test('a phone taken at a checkpoint is signed out from another one, keeps its queued report, and sends it once after signing in again', async ({
  browser,
  context,
  page: taken,
}) => {
  const dataDir = makeDataDir();
  server = await startServer({ dataDir });
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();

  // The same person on two phones.
  await signInOnPage(taken, server);
  await signInOnPage(other, server);

  // The first phone fills a report without a signal: it waits on the phone.
  await taken.goto(server.url);
  await waitForServiceWorkerControl(taken);
  await context.setOffline(true);
  await taken.reload();
  await fillDamageReport(taken, 'Вибито вікна, пошкоджено дах.');
  await taken.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(
    taken.getByRole('heading', { level: 1, name: 'Повідомлення прийнято на телефоні' }),
  ).toBeVisible();
  const reference = (await taken.getByTestId('reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^LV-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  // Then it is taken. On the other phone, without a signal, the button says why it does nothing.
  await other.goto(`${server.url}/sign-in`);
  const signOutEverywhere = other.getByRole('button', { name: 'Вийти на всіх пристроях', exact: true });
  await expect(other.getByText('Невідправлені заяви на цьому телефоні залишаться.')).toBeVisible();
  await otherContext.setOffline(true);
  await expect(other.getByText('Для цього потрібен зв’язок з інтернетом.')).toBeVisible();
  await expect(signOutEverywhere).toHaveAttribute('aria-disabled', 'true');
  await signOutEverywhere.focus();
  await other.keyboard.press('Enter');
  await expect(other.getByRole('group', { name: /Завершити всі входи/ })).toHaveCount(0);
  await otherContext.setOffline(false);
  await expect(other.getByText('Для цього потрібен зв’язок з інтернетом.')).toHaveCount(0);

  // With a signal, by keyboard alone: open the confirmation, step back out of it, open it again.
  await signOutEverywhere.focus();
  await other.keyboard.press('Enter');
  const confirmation = other.getByRole('group', { name: /Завершити всі входи, зокрема на цьому телефоні/ });
  const yes = confirmation.getByRole('button', { name: 'Так, вийти на всіх пристроях' });
  await expect(yes).toBeFocused();
  await expectNoSeriousAxeViolations(other, 'sign out everywhere: confirmation');
  await other.keyboard.press('Tab');
  await expect(confirmation.getByRole('button', { name: 'Скасувати' })).toBeFocused();
  await other.keyboard.press('Enter');
  await expect(confirmation).toHaveCount(0);
  await expect(signOutEverywhere).toBeFocused();
  await other.keyboard.press('Space');
  await expect(yes).toBeFocused();

  // The server cannot do it this moment: the person is told, and may press again.
  const revokeAll = `${server.url}/api/auth/sessions/revoke-all`;
  await otherContext.route(revokeAll, (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"identity.unavailable"}' }),
  );
  await other.keyboard.press('Enter');
  await expect(other.getByRole('alert')).toHaveText(
    'Не вдалося вийти на всіх пристроях. Спробуйте ще раз трохи згодом.',
  );
  await expect(yes).toBeFocused();
  await otherContext.unroute(revokeAll);
  await other.keyboard.press('Enter');

  const result = other.getByRole('status').filter({ hasText: 'Вихід виконано на всіх пристроях (2).' });
  await expect(result).toBeFocused();
  await expect(other.getByLabel('Номер мобільного телефону')).toBeVisible();
  await expectNoSeriousAxeViolations(other, 'sign out everywhere: result');
  await expect(other).toHaveTitle(/^[^0-9+]*$/);

  // The taken phone gets its signal back: its next send is refused, it asks to sign in, the
  // report stays queued on it and nothing reached the server.
  await context.setOffline(false);
  await expect(taken.getByText('Увійдіть, щоб надіслати заяви.')).toBeVisible({ timeout: 30_000 });
  await taken.getByRole('link', { name: /^Мої заяви/ }).click();
  const item = taken.getByTestId('record').filter({ hasText: reference });
  await expect(item.getByTestId('record-state')).toHaveText('Чекає на відправлення');
  await expect(taken.getByTestId('waiting')).toHaveText('1 заява чекає на відправлення');
  expect(countServerRecords(dataDir, reference)).toBe(0);

  // Its owner gets it back and signs in again: the report goes, exactly once.
  await signInOnPage(taken, server);
  await taken.getByRole('link', { name: /^Мої заяви/ }).click();
  await expect(item.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
  await expect(taken.getByTestId('waiting')).toHaveText('Усе надіслано');
  expect(countServerRecords(dataDir, reference)).toBe(1);

  await otherContext.close();
});
