import { expect, type Page } from '@playwright/test';

export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

export async function fillDamageReport(page: Page, description: string): Promise<void> {
  await page.getByRole('link', { name: 'Почати' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення про пошкоджене майно' }),
  ).toBeFocused();
  await page.getByRole('radio', { name: 'Приватний будинок' }).check();
  await page.getByLabel('Область, де розташоване майно').selectOption({ label: 'Харківська область' });
  await page.getByLabel('Опишіть пошкодження').fill(description);
  await expect(page.getByTestId('save-state')).toContainText('Збережено на телефоні');
}
