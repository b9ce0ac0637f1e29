import { expect, type Page } from '@playwright/test';

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

/** The step heading reads «<service> Крок N з M: <step>»; waits for step N to be shown. */
export async function expectStep(page: Page, step: number, title?: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(`Крок ${step} з`);
  if (title) await expect(heading).toContainText(title);
}

export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Далі', exact: true }).click();
}

/**
 * Fills every step of the damage report and stops on "Перевірте відповіді" (the caller presses
 * «Надіслати повідомлення»). The property is in Kyiv city, which needs no downloaded list of
 * communities, so this works offline from the first visit.
 */
export async function fillDamageReport(
  page: Page,
  description: string,
  options: { alreadyOnForm?: boolean; eachStep?: (step: number) => Promise<void> } = {},
): Promise<void> {
  const next = async (page: Page) => {
    const step = Number(
      /Крок (\d+) з/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[1],
    );
    await options.eachStep?.(step);
    await page.getByRole('button', { name: 'Далі', exact: true }).click();
  };
  if (!options.alreadyOnForm) {
    await page.getByRole('link', { name: /^Почати.*пошкоджене майно/ }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: /Повідомлення про пошкоджене майно/ }),
    ).toBeFocused();
  }
  await expectStep(page, 1, 'Про заявника');
  await page.getByLabel('Прізвище').fill('Шевченко');
  await page.getByLabel('Ім’я', { exact: true }).fill('Тарас');
  await page.getByLabel('РНОКПП (ідентифікаційний код)').fill('3451517675');
  await page.getByRole('radio', { name: 'Власник', exact: true }).check();
  await next(page);

  await expectStep(page, 2, 'Як з вами зв’язатися');
  await page.getByLabel('Номер телефону').fill('067 123 45 67');
  await next(page);

  await expectStep(page, 3, 'Майно');
  await page.getByRole('radio', { name: 'Приватний будинок' }).check();
  await page.getByLabel('Загальна площа').fill('54,3');
  await next(page);

  await expectStep(page, 4, 'Адреса майна');
  await page.getByLabel('Область').selectOption({ label: 'м. Київ' });
  await page.getByLabel('Вулиця').fill('вул. Хрещатик');
  await page.getByLabel('Будинок').fill('12');
  await page.getByLabel('Поштовий індекс').fill('01001');
  await next(page);

  await expectStep(page, 5, 'Що сталося');
  await page.getByLabel('Коли сталося пошкодження?').fill('24.02.2022');
  await page.getByRole('radio', { name: 'Бойові дії' }).check();
  await page.getByRole('radio', { name: /^Пошкоджене/ }).check();
  await page.getByRole('checkbox', { name: 'Дах' }).check();
  await next(page);

  await expectStep(page, 6, 'Опис пошкоджень');
  await page.getByLabel('Опишіть пошкодження').fill(description);
  await expect(page.getByTestId('save-state')).toContainText('Збережено на телефоні');
  await next(page);

  await expectStep(page, 7, 'Фото');
  await next(page);
  await expectStep(page, 8, 'Перевірте відповіді');
  await options.eachStep?.(8);
}
