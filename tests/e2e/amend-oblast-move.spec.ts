import type { Browser, Page } from '@playwright/test';
import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { createCaseworker, KYIV_CITY, signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, test } from './test';

const LVIV_OBLAST = 'UA46000000000026241';
const LVIV_CITY = 'UA46060250010015970';
const PASSWORD = 'correct horse battery staple';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

/** A caseworker at a desk of their own: a separate browser context, so no cookie is shared. */
async function consoleAs(browser: Browser, login: string): Promise<Page> {
  const office = await (await browser.newContext()).newPage();
  await office.goto(`${server.url}/staff/`);
  await office.getByLabel('Логін').fill(login);
  await office.getByLabel('Пароль').fill(PASSWORD);
  await office.getByRole('button', { name: 'Увійти' }).click();
  await expect(office.getByRole('heading', { level: 1, name: 'Черга заяв' })).toBeVisible();
  return office;
}

test('a property that is in another oblast: the citizen changes oblast and settlement, the office accepts both together and the record moves', async ({
  browser,
  page,
}) => {
  server = await startServer({ dataDir: makeDataDir() });
  createCaseworker(server, 'kyiv.office', PASSWORD, [KYIV_CITY]);
  createCaseworker(server, 'lviv.office', PASSWORD, [LVIV_OBLAST]);

  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);
  await fillDamageReport(page, 'Зруйновано дах і стіну з боку двору.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
  const reference = ((await page.getByTestId('reference').textContent()) ?? '').trim();
  const recordId = page.url().split('/').pop() ?? '';
  expect(recordId).toMatch(/^[0-9a-f-]{36}$/);

  // The person realises the house is in Lviv, not Kyiv. Lviv oblast's list of settlements was never
  // needed before, so the picker has to fetch it now.
  await page.getByRole('link', { name: 'Змінити дані' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Зміна даних повідомлення/ })).toBeVisible();
  await page
    .getByTestId('answer-propAddress')
    .getByRole('link', { name: /Змінити/ })
    .first()
    .click();
  await page.getByLabel('Область').selectOption({ label: 'Львівська область' });
  await page.getByLabel('Населений пункт').fill('Львів');
  await page
    .getByTestId('settlement-results')
    .getByRole('button', { name: /^м\. Львів Львівська громада/ })
    .first()
    .click();
  await expect(page.getByTestId('settlement-chosen')).toContainText('Львів');
  await page.getByLabel('Вулиця').fill('вул. Городоцька');
  await page.getByLabel('Поштовий індекс').fill('79000');
  await page.getByRole('button', { name: 'Далі', exact: true }).click();
  await expect(page.getByTestId('answer-propAddress')).toContainText('Львівська область');
  await page.getByRole('button', { name: 'Зберегти зміни' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
  // Oblast and settlement are frozen after submission: they wait for the office, unlike the street.
  await expect(page.getByText('Ви попросили змінити «Адреса пошкодженого майна: Область»')).toBeVisible({
    timeout: 30_000,
  });
  // The person reads the place's name, not its KATOTTH code.
  await expect(page.locator('p.amendment')).toHaveText([
    'Ви попросили змінити «Адреса пошкодженого майна: Область» на «Львівська область». Офіс розгляне зміну.',
    'Ви попросили змінити «Адреса пошкодженого майна: Населений пункт» на «м. Львів (Львівська громада, Львівський район)». Офіс розгляне зміну.',
  ]);

  const kyiv = await consoleAs(browser, 'kyiv.office');
  await kyiv.getByRole('link', { name: reference }).click();
  const amendments = kyiv.getByRole('region', { name: 'Запити на зміну' });
  const oblastBox = amendments.getByRole('checkbox', { name: /^Адреса майна: область:/ });
  const settlementBox = amendments.getByRole('checkbox', { name: /^Адреса майна: населений пункт/ });
  await expect(oblastBox).toHaveAccessibleName(/«Львівська область»/);
  await expect(settlementBox).toHaveAccessibleName(new RegExp(`«${LVIV_CITY}»`));
  await expect(kyiv.getByTestId('field-propStreet')).toHaveText('вул. Городоцька');

  // The oblast alone would leave a Kyiv settlement in Lviv oblast: refused, and the console says why.
  const acceptOblastAlone = amendments
    .locator('.amendment')
    .filter({ hasText: 'Адреса майна: область:' })
    .getByRole('button', { name: 'Прийняти зміну' });
  await acceptOblastAlone.click();
  await expect(kyiv.getByTestId('amendments-hint')).toHaveText(
    'Ці зміни залежать одна від одної — позначте їх і прийміть разом.',
  );
  await expect(kyiv.getByTestId('field-propOblast')).toHaveText('м. Київ');
  await expectNoSeriousAxeViolations(kyiv, 'console: amendments to decide together');

  // From the button just pressed, by keyboard only: each stop is checked, so a focus lost on the
  // refused request or a tab order that skips a checkbox fails here.
  await expect(acceptOblastAlone).toBeFocused();
  await kyiv.keyboard.press('Shift+Tab');
  await expect(oblastBox).toBeFocused();
  await kyiv.keyboard.press('Space');
  await expect(oblastBox).toBeChecked();
  for (let i = 0; i < 3; i += 1) await kyiv.keyboard.press('Tab');
  await expect(settlementBox).toBeFocused();
  await kyiv.keyboard.press('Space');
  await expect(settlementBox).toBeChecked();
  for (let i = 0; i < 3; i += 1) await kyiv.keyboard.press('Tab');
  await expect(amendments.getByRole('button', { name: 'Прийняти вибрані разом' })).toBeFocused();
  await kyiv.keyboard.press('Enter');
  await expect(kyiv.getByTestId('staff-message')).toHaveText('Вибрані зміни прийнято.');
  await expect(amendments).toHaveCount(0);
  await expect(kyiv.getByTestId('field-propOblast')).toHaveText('Львівська область');

  // The record now belongs to Lviv's office: Kyiv's is told it does not exist.
  await kyiv.reload();
  await expect(kyiv.getByRole('alert')).toHaveText('Заяву не знайдено.');
  await kyiv.goto(`${server.url}/staff/`);
  await expect(kyiv.getByRole('heading', { level: 1, name: 'Черга заяв' })).toBeVisible();
  await expect(kyiv.getByRole('link', { name: reference })).toHaveCount(0);

  const lviv = await consoleAs(browser, 'lviv.office');
  await lviv.getByRole('link', { name: reference }).click();
  await expect(lviv.getByTestId('field-propOblast')).toHaveText('Львівська область');
  await expect(lviv.getByTestId('field-propSettlement')).toHaveText(LVIV_CITY);
  await expect(lviv.getByTestId('field-propStreet')).toHaveText('вул. Городоцька');

  // Opening the app again is when the phone looks for news.
  await page.reload();
  // Each request's line turns into its decision: none is left saying the office will look at it.
  await expect(page.locator('p.amendment')).toHaveText(
    [
      'Офіс прийняв зміну «Адреса пошкодженого майна: Область».',
      'Офіс прийняв зміну «Адреса пошкодженого майна: Населений пункт».',
    ],
    { timeout: 30_000 },
  );
  await expect(page.getByText('м. Львів (Львівська громада, Львівський район)')).toBeVisible();
  // The history tells the request and the decision apart.
  const history = page.getByRole('region', { name: 'Історія' });
  await expect(
    history.getByText('Ви попросили змінити поле «Адреса пошкодженого майна: Область»'),
  ).toBeVisible();
  await expect(
    history.getByText('Офіс прийняв зміну поля «Адреса пошкодженого майна: Область»'),
  ).toBeVisible();
  await expect(
    history.getByText('Офіс прийняв зміну поля «Адреса пошкодженого майна: Населений пункт»'),
  ).toBeVisible();
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено');

  await kyiv.context().close();
  await lviv.context().close();
});
