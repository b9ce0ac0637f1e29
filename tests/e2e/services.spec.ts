import { expectStep, fillDamageReport, next, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { type BrowserContext, expect, type Page, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

/** First visit online (the app installs itself), then the phone loses its signal. */
async function installThenGoOffline(page: Page, context: BrowserContext, prepare?: () => Promise<void>) {
  server = await startServer({ dataDir: makeDataDir() });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  // Sending needs a signed-in person; the session cookie outlives days offline.
  await signInOnPage(page, server);
  await page.goto(server.url);
  await prepare?.();
  await context.setOffline(true);
  await page.goto(server.url);
  await expect(page.getByTestId('connection')).toHaveText('Немає зв’язку');
}

async function chooseSettlement(page: Page, scope: string, typed: string, result: RegExp) {
  const address = page.getByTestId(`address-${scope}`);
  await address.getByLabel('Населений пункт').fill(typed);
  await expect(address.getByTestId('settlement-results')).toBeVisible();
  // Keyboard: arrow down into the results, Enter picks.
  await address.getByLabel('Населений пункт').press('ArrowDown');
  await expect(address.getByRole('button', { name: result }).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(address.getByTestId('settlement-chosen')).toContainText(typed);
}

async function fillStreet(page: Page, scope: string, street: string, building: string, postCode: string) {
  const address = page.getByTestId(`address-${scope}`);
  await address.getByLabel('Вулиця').fill(street);
  await address.getByLabel('Будинок').fill(building);
  await address.getByLabel('Поштовий індекс').fill(postCode);
}

async function addMember(
  page: Page,
  member: { surname: string; givenName: string; birthDate: string; relationship: string },
) {
  await page.getByRole('button', { name: /^Додати (члена родини|ще одного)$/ }).click();
  const editor = page.getByTestId('member-editor');
  await expect(editor.getByRole('heading', { level: 3 })).toBeFocused();
  await editor.getByLabel('Прізвище').fill(member.surname);
  await editor.getByLabel('Ім’я', { exact: true }).fill(member.givenName);
  await editor.getByLabel('Дата народження').fill(member.birthDate);
  await editor.getByRole('radio', { name: member.relationship, exact: true }).check();
  await editor.getByRole('button', { name: 'Зберегти', exact: true }).click();
  await expect(page.getByTestId('member').filter({ hasText: member.givenName })).toBeVisible();
}

test('damage report: every step offline passes axe, the phone is shown formatted, delivered when online', async ({
  context,
  page,
}) => {
  await installThenGoOffline(page, context);
  await fillDamageReport(page, 'Вибито вікна, тріщина в стіні над вхідними дверима.', {
    eachStep: (step) => expectNoSeriousAxeViolations(page, `damage report, step ${step}`),
  });
  await expect(page.getByTestId('answer-phone')).toContainText('+38 (067) 123 45 67');
  await expect(page.getByTestId('answer-area')).toContainText('54,3 м²');
  await expect(page.getByTestId('answer-eventDate')).toContainText('24.02.2022');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Чекає на відправлення');

  await context.setOffline(false);
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
});

test('IDP registration offline with the address picker and household, then the living allowance prefilled from it with the estimate', async ({
  context,
  page,
}) => {
  await installThenGoOffline(page, context, async () => {
    // Kyiv oblast's communities and the list of territories are fetched once while online…
    await page.goto(`${server.url}/idp-registration/new?step=4`);
    await page.getByTestId('address-reg').getByLabel('Область').selectOption({ label: 'Київська область' });
    await page.getByTestId('address-reg').getByLabel('Населений пункт').fill('Бровари');
    await expect(page.getByTestId('settlement-results')).toContainText('Броварська громада');
    await page.evaluate(async () => {
      await (await fetch('/katottg/hostilities.json')).arrayBuffer();
    });
  });

  // …and everything below happens with no signal.
  await page.getByRole('link', { name: /^Почати.*Довідка внутрішньо переміщеної особи/ }).click();
  await expectStep(page, 1, 'Про вас');
  await expectNoSeriousAxeViolations(page, 'IDP, step 1 empty');
  await next(page);
  await expect(page.getByRole('alert')).toContainText('Прізвище: Заповніть це поле');
  await expect(page.getByRole('alert')).toContainText('Оберіть стать');
  await expectNoSeriousAxeViolations(page, 'IDP, step 1 with errors');
  await page.getByLabel('Прізвище').fill('Мельник');
  await page.getByLabel('Ім’я', { exact: true }).fill('Олег');
  await page.getByLabel('По батькові (необов’язково)').fill('Петрович');
  await page.getByLabel('Дата народження').fill('01.07.1994');
  await page.getByRole('radio', { name: 'Чоловіча' }).check();
  await next(page);

  await expectStep(page, 2, 'Народження, громадянство, податковий номер');
  await page.getByLabel('Місце народження').fill('м. Маріуполь Донецької області');
  await page.getByRole('radio', { name: 'Інша країна' }).check();
  await expect(page.getByLabel('Якої країни ви громадянин?')).toBeVisible();
  await page.getByRole('radio', { name: 'Україна' }).check();
  await expect(page.getByLabel('Якої країни ви громадянин?')).toHaveCount(0);
  await page.getByLabel('РНОКПП (ідентифікаційний код)').fill('1759013770');
  await next(page);
  await expect(page.getByRole('alert')).toContainText('У РНОКПП помилка — перевірте цифри');
  await expectNoSeriousAxeViolations(page, 'IDP, wrong RNOKPP');
  // A valid number of someone born in 1948: a warning, not an error.
  await page.getByLabel('РНОКПП (ідентифікаційний код)').fill('1759013776');
  await expect(page.getByTestId('rnokpp-warning')).toContainText('не збігається з датою народження');
  await page.getByLabel('РНОКПП (ідентифікаційний код)').fill('3451517675');
  await expect(page.getByTestId('rnokpp-warning')).toHaveCount(0);
  await next(page);

  await expectStep(page, 3, 'Документ, що посвідчує особу');
  await page.getByRole('radio', { name: 'Паспорт-книжечка' }).check();
  await page.getByLabel('Серія (якщо є) і номер документа').fill('МЕ123456');
  await expect(page.getByLabel('Запис № (УНЗР)')).toHaveCount(0);
  await next(page);

  await expectStep(page, 4, 'Адреса, яку ви залишили');
  await page.getByTestId('address-reg').getByLabel('Область').selectOption({ label: 'Київська область' });
  await chooseSettlement(page, 'reg', 'Бровари', /^м\. Бровари/);
  await expect(page.getByTestId('settlement-chosen')).toContainText('Броварська громада, Броварський район');
  await fillStreet(page, 'reg', 'вул. Героїв Небесної Сотні', '5', '07400');
  await expectNoSeriousAxeViolations(page, 'IDP, address picked');
  await next(page);

  await expectStep(page, 5, 'Де ви живете зараз');
  await page.getByTestId('address-act').getByLabel('Область').selectOption({ label: 'Львівська область' });
  // Lviv oblast was never downloaded: a clear message instead of a broken list.
  await expect(page.getByTestId('katottg-unavailable')).toContainText(
    'Довідник громад цієї області ще не завантажено. Під’єднайтеся до інтернету один раз, і він збережеться на телефоні.',
  );
  await expectNoSeriousAxeViolations(page, 'IDP, communities not downloaded');
  await page.getByTestId('address-act').getByLabel('Область').selectOption({ label: 'м. Київ' });
  await fillStreet(page, 'act', 'вул. Антоновича', '40', '03150');
  await page.getByTestId('address-act').getByLabel('Квартира (необов’язково)').fill('12');
  await next(page);

  await expectStep(page, 6, 'Причина переїзду');
  await page.getByRole('radio', { name: 'Збройний конфлікт' }).check();
  await next(page);

  await expectStep(page, 7, 'Як з вами зв’язатися');
  await page.getByLabel('Номер телефону').fill('067 123 45 67');
  await page.getByLabel('Електронна пошта (необов’язково)').fill('oleh@mail.ru');
  await next(page);
  await expect(page.getByRole('alert')).toContainText(
    'Адреси на російських доменах (.ru, .su) не приймаються',
  );
  await page.getByLabel('Електронна пошта (необов’язково)').fill('oleh@ukr.net');
  await next(page);

  await expectStep(page, 8, 'Члени родини');
  await expectNoSeriousAxeViolations(page, 'IDP, household empty');
  // A member is checked when saved.
  await page.getByRole('button', { name: 'Додати члена родини' }).click();
  await page.getByTestId('member-editor').getByRole('button', { name: 'Зберегти', exact: true }).click();
  await expect(page.getByTestId('member-editor').getByRole('alert')).toContainText(
    'Оберіть, ким вам доводиться ця людина',
  );
  await expectNoSeriousAxeViolations(page, 'IDP, member with errors');
  await page.getByTestId('member-editor').getByRole('button', { name: 'Скасувати' }).click();
  await addMember(page, {
    surname: 'Мельник',
    givenName: 'Ганна',
    birthDate: '12.03.2015',
    relationship: 'Дитина',
  });
  await addMember(page, {
    surname: 'Мельник',
    givenName: 'Іван',
    birthDate: '05.09.2018',
    relationship: 'Дитина',
  });
  await addMember(page, {
    surname: 'Мельник',
    givenName: 'Марія',
    birthDate: '20.05.1992',
    relationship: 'Чоловік або дружина',
  });
  await addMember(page, {
    surname: 'Мельник',
    givenName: 'Зайвий',
    birthDate: '01.01.1960',
    relationship: 'Інший родич',
  });
  // Removing asks first.
  const extra = page.getByTestId('member').filter({ hasText: 'Зайвий' });
  await extra.getByRole('button', { name: /^Видалити/ }).click();
  await expect(extra).toContainText('Видалити «Мельник Зайвий» зі списку?');
  await expectNoSeriousAxeViolations(page, 'IDP, confirm removal');
  await extra.getByRole('button', { name: 'Так, видалити' }).click();
  await expect(page.getByTestId('member')).toHaveCount(3);
  await next(page);

  await expectStep(page, 9, 'Ваші обов’язки');
  await next(page);
  await expect(page.getByRole('alert')).toContainText('Позначте, що ви зрозуміли свої обов’язки');
  await page.getByLabel('Я зрозумів (зрозуміла) свої обов’язки').check();
  await next(page);

  await expectStep(page, 10, 'Перевірте відповіді');
  await expect(page.getByTestId('answer-phone')).toContainText('+38 (067) 123 45 67');
  await expect(page.getByTestId('answer-birthDate')).toContainText('01.07.1994');
  await expect(page.getByTestId('answer-regAddress')).toContainText(
    'м. Бровари (Броварська громада, Броварський район)',
  );
  await expect(page.getByTestId('answer-household')).toContainText('Мельник Ганна — Дитина, 12.03.2015');
  await expectNoSeriousAxeViolations(page, 'IDP, check your answers');
  // "Change" opens the step, "Next" comes straight back.
  await page.getByRole('link', { name: 'Змінити Електронна пошта' }).click();
  await expectStep(page, 7, 'Як з вами зв’язатися');
  await page.getByLabel('Електронна пошта (необов’язково)').fill('oleh.melnyk@ukr.net');
  await next(page);
  await expectStep(page, 10, 'Перевірте відповіді');
  await expect(page.getByTestId('answer-email')).toContainText('oleh.melnyk@ukr.net');
  await page.getByRole('button', { name: 'Надіслати заяву' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення прийнято на телефоні' }),
  ).toBeVisible();
  await expect(page.getByTestId('record-state')).toHaveText('Чекає на відправлення');
  await expectNoSeriousAxeViolations(page, 'IDP, receipt');

  // The living allowance reuses the registration: nothing typed twice.
  await page.goto(server.url);
  await page.getByRole('link', { name: /^Почати.*Допомога на проживання/ }).click();
  await expectStep(page, 1, 'Про вас');
  await expect(page.getByTestId('form-notice')).toHaveText(
    'Ми заповнили дані з вашої довідки ВПО — перевірте їх',
  );
  await expect(page.getByLabel('Прізвище')).toHaveValue('Мельник');
  await expect(page.getByLabel('Дата народження')).toHaveValue('01.07.1994');
  await expect(page.getByLabel('РНОКПП (ідентифікаційний код)')).toHaveValue('3451517675');
  await page.getByRole('radio', { name: 'Ні' }).check();
  await expectNoSeriousAxeViolations(page, 'benefit, prefilled');
  await next(page);

  await expectStep(page, 2, 'Довідка і телефон');
  await page.getByLabel('Номер довідки ВПО').fill('0000-1234567');
  await expect(page.getByLabel('Номер телефону')).toHaveValue('+38 (067) 123 45 67');
  await next(page);

  // A reload in the middle of step 3 comes back to step 3 with everything in place.
  await expectStep(page, 3, 'Адреса, яку ви залишили');
  await page.getByTestId('address-reg').getByLabel('Вулиця').fill('вул. Героїв Небесної Сотні, корпус 2');
  await expect(page.getByTestId('save-state')).toContainText('Збережено на телефоні');
  await expect(page).toHaveURL(/\/benefit-application\/[0-9a-f-]{36}\?step=3$/);
  await page.reload();
  await expectStep(page, 3, 'Адреса, яку ви залишили');
  await expect(page.getByTestId('address-reg').getByLabel('Вулиця')).toHaveValue(
    'вул. Героїв Небесної Сотні, корпус 2',
  );
  await expect(page.getByTestId('settlement-chosen')).toContainText('м. Бровари');
  await page.getByRole('link', { name: 'Назад' }).click();
  await expect(page.getByLabel('Номер довідки ВПО')).toHaveValue('0000-1234567');
  await next(page);
  await next(page);

  await expectStep(page, 4, 'Де ви живете зараз');
  await next(page);

  await expectStep(page, 5, 'Хто переїхав разом з вами');
  await expect(page.getByTestId('member')).toHaveCount(3);
  // Applicant and one other adult at 2 000, two children at 3 000.
  await expect(page.getByTestId('estimate-total')).toHaveText('Орієнтовно 10\u202f000\u00a0грн на місяць');
  await expect(page.getByTestId('estimate-territory')).toContainText('немає в переліку');
  await expectNoSeriousAxeViolations(page, 'benefit, household and estimate');
  await next(page);

  await expectStep(page, 6, 'Виплата');
  await page.getByLabel('Рахунок для виплати (IBAN)').fill('UA903052992990004149123456788');
  await next(page);
  await expect(page.getByRole('alert')).toContainText('У IBAN помилка — перевірте символи');
  await expectNoSeriousAxeViolations(page, 'benefit, wrong IBAN');
  await page.getByLabel('Рахунок для виплати (IBAN)').fill('ua90 3052 9929 9000 4149 1234 5678 9');
  await next(page);

  await expectStep(page, 7, 'Перевірте відповіді');
  await expect(page.getByTestId('answer-iban')).toContainText('UA90 3052 9929 9000 4149 1234 5678 9');
  await expect(page.getByTestId('estimate-total')).toContainText('10\u202f000\u00a0грн');
  await expectNoSeriousAxeViolations(page, 'benefit, check your answers');
  await page.getByRole('button', { name: 'Надіслати заяву' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Чекає на відправлення');

  // Signal returns: both are delivered without a click.
  await context.setOffline(false);
  await page.goto(`${server.url}/applications`);
  // (The third item is the draft left by opening the address step online at the start.)
  await expect(page.getByTestId('record-state').filter({ hasText: 'Доставлено' })).toHaveCount(2, {
    timeout: 30_000,
  });
});
