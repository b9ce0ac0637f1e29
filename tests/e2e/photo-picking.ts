import type { Page } from '@playwright/test';
import { expect } from './test';

/** Picks files the way a person does: the «Вибрати фото» button opens the system's file chooser. */
export async function chooseFiles(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Вибрати фото' }).click();
  await (await chooser).setFiles(files);
}

/**
 * For fillDamageReport's `eachStep`: on the photo step (7), attaches `files` and waits until the
 * worker has shrunk and kept every one of them (4000×3000 photos take a while on a busy machine).
 */
export function attachOnPhotoStep(page: Page, files: string[]): (step: number) => Promise<void> {
  return async (step) => {
    if (step !== 7) return;
    await chooseFiles(page, files);
    await expect(page.getByTestId('photo-status')).toHaveText(
      `Збережено на телефоні фото: ${files.length}.`,
      { timeout: 30_000 * files.length },
    );
  };
}
