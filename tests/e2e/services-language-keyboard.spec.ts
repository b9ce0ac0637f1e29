import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import Database from 'better-sqlite3';
import { waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { KYIV_CITY, signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, type Page, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

/** What the server stored for a reference, read from its SQLite file (not through the API). */
function storedFields(dataDir: string, reference: string): Record<string, unknown> {
  const db = new Database(join(dataDir, 'lastivka.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT fields FROM records WHERE reference = ?').get(reference) as
      | { fields: string }
      | undefined;
    if (!row) throw new Error(`no record ${reference} on the server`);
    return JSON.parse(row.fields) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

/** What was typed, as the server stores it (phone in E.164, date in ISO, area a number). */
const TYPED = {
  surname: 'Шевченко',
  givenName: 'Тарас',
  rnokpp: '3451517675',
  applicantRole: 'owner',
  phone: '+380671234567',
  propertyType: 'house',
  area: 54.3,
  propOblast: KYIV_CITY,
  propStreet: 'вул. Хрещатик',
  propBuilding: '12',
  propPostCode: '01001',
  eventDate: '2022-02-24',
  cause: 'hostilities',
  damageStatus: 'damaged',
  damagedElements: ['roof'],
  description: 'Windows blown out, a crack in the wall above the front door.',
};

async function onlineAndSignedIn(page: Page) {
  server = await startServer({ dataDir: makeDataDir() });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);
}

async function expectEnglishStep(page: Page, step: number, title: string) {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(`Step ${step} of 8`);
  await expect(heading).toContainText(title);
  await expectNoSeriousAxeViolations(page, `damage report in English, step ${step}`);
}

test('damage report in English: English labels on every step, axe clean, English check page; the server stores what was typed', async ({
  page,
}) => {
  await onlineAndSignedIn(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: /^Start.*damaged property/ }).click();
  const next = () => page.getByRole('button', { name: 'Continue', exact: true }).click();

  await expectEnglishStep(page, 1, 'About the applicant');
  await page.getByLabel('Surname').fill(TYPED.surname);
  await page.getByLabel('Given name').fill(TYPED.givenName);
  await page.getByLabel('RNOKPP (taxpayer number)').fill(TYPED.rnokpp);
  await page.getByRole('radio', { name: 'Owner', exact: true }).check();
  await next();

  await expectEnglishStep(page, 2, 'How to contact you');
  await page.getByLabel('Phone number').fill('067 123 45 67');
  await next();

  await expectEnglishStep(page, 3, 'Property');
  await page.getByRole('radio', { name: 'Private house' }).check();
  await page.getByLabel('Total area').fill('54.3');
  await next();

  await expectEnglishStep(page, 4, 'Property address');
  await page.getByLabel('Oblast').selectOption({ label: 'Kyiv (city)' });
  await page.getByLabel('Street').fill(TYPED.propStreet);
  await page.getByLabel('Building').fill(TYPED.propBuilding);
  await page.getByLabel('Post code').fill(TYPED.propPostCode);
  await expectNoSeriousAxeViolations(page, 'damage report in English, address filled');
  await next();

  await expectEnglishStep(page, 5, 'What happened');
  await page.getByLabel('When was the property damaged?').fill('24.02.2022');
  await page.getByRole('radio', { name: 'Hostilities' }).check();
  await page.getByRole('radio', { name: /^Damaged/ }).check();
  await page.getByRole('checkbox', { name: 'Roof' }).check();
  await next();

  await expectEnglishStep(page, 6, 'Description of the damage');
  await page.getByLabel('Describe the damage').fill(TYPED.description);
  await next();

  await expectEnglishStep(page, 7, 'Photos');
  await next();

  await expectEnglishStep(page, 8, 'Check your answers');
  const answers = page.getByTestId('check-answers');
  await expect(answers.getByRole('heading', { level: 2, name: 'About the applicant' })).toBeVisible();
  await expect(answers.getByRole('heading', { level: 2, name: 'What happened' })).toBeVisible();
  await expect(page.getByTestId('answer-applicantRole')).toContainText('Owner');
  await expect(page.getByTestId('answer-propertyType')).toContainText('Private house');
  await expect(page.getByTestId('answer-area')).toContainText('m²');
  await expect(page.getByTestId('answer-eventDate')).toContainText('24.02.2022');
  await expect(page.getByTestId('answer-cause')).toContainText('Hostilities');
  await expect(page.getByTestId('answer-damagedElements')).toContainText('Roof');
  await expect(page.getByTestId('answer-phone')).toContainText('+38 (067) 123 45 67');
  await expect(page.getByRole('link', { name: /^Change/ }).first()).toBeVisible();
  // No Ukrainian interface word is left on the English check page (the typed answers may be Ukrainian).
  await expect(page.getByRole('button', { name: 'Send report' })).toBeVisible();
  await expect(page.getByText('Перевірте відповіді')).toHaveCount(0);
  await expect(page.getByText('Змінити')).toHaveCount(0);

  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Report saved on this phone' })).toBeVisible();
  await expect(page.getByTestId('record-state')).toHaveText('Delivered', { timeout: 30_000 });
  await expectNoSeriousAxeViolations(page, 'receipt in English');

  const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
  expect(storedFields(server.dataDir, reference)).toMatchObject(TYPED);
});

/** Tab until `target` has the focus (keys only, as a keyboard user moves). */
async function tabTo(page: Page, target: Locator, limit = 25) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element: Element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('damage report with the keyboard alone: every step by Tab, Space, Enter and arrows, to delivered', async ({
  page,
}) => {
  await onlineAndSignedIn(page);
  const continueButton = page.getByRole('button', { name: 'Далі', exact: true });
  const heading = page.getByRole('heading', { level: 1 });
  const type = async (label: Locator, text: string) => {
    await tabTo(page, label);
    await page.keyboard.type(text);
  };

  await tabTo(page, page.getByRole('link', { name: /^Почати.*пошкоджене майно/ }));
  await page.keyboard.press('Enter');
  await expect(heading).toContainText('Крок 1 з');
  await expect(heading).toBeFocused();

  await type(page.getByLabel('Прізвище'), TYPED.surname);
  await type(page.getByLabel('Ім’я', { exact: true }), TYPED.givenName);
  await type(page.getByLabel('РНОКПП (ідентифікаційний код)'), TYPED.rnokpp);
  await tabTo(page, page.getByRole('radio', { name: 'Власник', exact: true }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Власник', exact: true })).toBeChecked();
  await tabTo(page, continueButton);
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Крок 2 з');
  await type(page.getByLabel('Номер телефону'), '0671234567');
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Крок 3 з');
  // Arrows move within the radio group: the first option is the apartment, the next the house.
  await tabTo(page, page.getByRole('radio').first());
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Приватний будинок' })).toBeChecked();
  await type(page.getByLabel('Загальна площа'), '54,3');
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Крок 4 з');
  const oblast = page.getByLabel('Область');
  await tabTo(page, oblast);
  // Arrow keys move through a closed select's options, one oblast at a time.
  for (let presses = 0; presses < 40 && (await oblast.inputValue()) !== KYIV_CITY; presses += 1)
    await page.keyboard.press('ArrowDown');
  await expect(oblast).toHaveValue(KYIV_CITY);
  await type(page.getByLabel('Вулиця'), TYPED.propStreet);
  await type(page.getByLabel('Будинок'), TYPED.propBuilding);
  await type(page.getByLabel('Поштовий індекс'), TYPED.propPostCode);
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Крок 5 з');
  await type(page.getByLabel('Коли сталося пошкодження?'), '24.02.2022');
  await tabTo(page, page.getByRole('radio', { name: 'Бойові дії' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('radio', { name: /^Пошкоджене/ }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('checkbox', { name: 'Дах' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Дах' })).toBeChecked();
  await tabTo(page, continueButton);
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Крок 6 з');
  await type(page.getByLabel('Опишіть пошкодження'), TYPED.description);
  await tabTo(page, continueButton);
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Крок 7 з');
  await tabTo(page, continueButton);
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Перевірте відповіді');
  await tabTo(page, page.getByRole('button', { name: 'Надіслати повідомлення' }), 80);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });

  const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
  expect(storedFields(server.dataDir, reference)).toMatchObject(TYPED);
});
