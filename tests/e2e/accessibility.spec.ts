import { expectStep, fillDamageReport, next } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, test } from './test';

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
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Повідомлення про пошкоджене майно Крок 1 з 8: Про заявника',
  );
  await expectNoSeriousAxeViolations(page, 'damage report, empty');

  await page.getByLabel('РНОКПП (ідентифікаційний код)').fill('1759013770');
  await next(page);
  await expect(page.getByRole('alert')).toContainText('У РНОКПП помилка — перевірте цифри');
  await expectNoSeriousAxeViolations(page, 'damage report, with errors');

  await fillDamageReport(page, 'Пошкоджено балкон і вікна у двох кімнатах.', { alreadyOnForm: true });
  await expectNoSeriousAxeViolations(page, 'damage report, check your answers');
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
  await expect(page.getByRole('link', { name: /^Почати.*пошкоджене майно/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: /Повідомлення про пошкоджене майно/ }),
  ).toBeFocused();

  // Step 1 by keys alone: text fields, the "no RNOKPP" box skipped, a radio chosen with Space.
  await page.keyboard.press('Tab');
  await page.keyboard.type('Шевченко');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Тарас');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('РНОКПП (ідентифікаційний код)')).toBeFocused();
  await page.keyboard.type('3451517675');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Власник', exact: true })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Далі', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expectStep(page, 2, 'Як з вами зв’язатися');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Step 3: Tab into the radio group, arrows choose.
  await page.keyboard.press('Tab');
  await page.keyboard.type('0671234567');
  await page.keyboard.press('Enter');
  await expectStep(page, 3, 'Майно');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Приватний будинок' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Загальна площа')).toBeFocused();
  await page.keyboard.type('72,5');
  await page.keyboard.press('Enter');
  await expectStep(page, 4, 'Адреса майна');
  // "Back" never checks and never loses anything.
  await page.getByRole('link', { name: 'Назад' }).click();
  await expectStep(page, 3, 'Майно');
  await expect(page.getByLabel('Загальна площа')).toHaveValue('72,5');
});

test('the language choice is remembered on the device; titles carry no personal data', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('link', { name: /^Start.*damaged property/ }).click();
  await page.getByLabel('Surname').fill('Shevchenka');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveTitle(/^Report damaged property — /);
  expect(await page.title()).not.toContain('Shevchenka');
});
