import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe-check';
import { makeDataDir, type RunningServer, startServer } from './server-process';

let server: RunningServer;

test.beforeEach(async () => {
  server = await startServer({ dataDir: makeDataDir() });
});

test.afterEach(async () => {
  await server?.stop();
});

test('every page state passes axe', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Послуги' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'home');

  await page.getByRole('link', { name: 'Мої заяви' }).click();
  await expect(page.getByText('Поки що їх немає')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'applications, empty');

  await page.goto(`${server.url}/damage-report/new`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Повідомлення про пошкоджене майно');
  await expectNoSeriousAxeViolations(page, 'damage report, empty');

  await page.getByLabel('Опишіть пошкодження').fill('коротко');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByRole('alert')).toContainText('Опис занадто короткий');
  await expectNoSeriousAxeViolations(page, 'damage report, with errors');

  await page.getByRole('radio', { name: 'Квартира або кімната в багатоквартирному будинку' }).check();
  await page.getByLabel('Область, де розташоване майно').selectOption({ label: 'м. Київ' });
  await page.getByLabel('Опишіть пошкодження').fill('Пошкоджено балкон і вікна у двох кімнатах.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення прийнято на телефоні' }),
  ).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'receipt');

  await page.getByRole('link', { name: 'До моїх заяв' }).click();
  await expect(page.getByTestId('record')).toHaveCount(1);
  await expectNoSeriousAxeViolations(page, 'applications, one item');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'applications, English');

  await page.goto(`${server.url}/no-such-page`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expectNoSeriousAxeViolations(page, 'not found');
});

test('works with the keyboard: skip link, focus on route change, form by keys alone', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Послуги' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Перейти до основного змісту' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Почати' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення про пошкоджене майно' }),
  ).toBeFocused();

  // Radio group: Tab in, arrows choose; then the select and the text area.
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Приватний будинок' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Область, де розташоване майно')).toBeFocused();
  await page.getByLabel('Область, де розташоване майно').selectOption({ label: 'Одеська область' });
  await page.keyboard.press('Tab');
  await page.keyboard.type('Зруйновано гараж і паркан.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Надіслати повідомлення' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення прийнято на телефоні' }),
  ).toBeFocused();
});

test('the language choice is remembered on the device; titles carry no personal data', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByLabel('Describe the damage').fill('Roof destroyed at Shevchenka 12, apt 4');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page).toHaveTitle(/^Report damaged property — /);
  expect(await page.title()).not.toContain('Shevchenka');
});
