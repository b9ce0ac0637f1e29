import { expectNoSeriousAxeViolations } from './axe-check';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, type Page, test } from './test';

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ dataDir: makeDataDir() });
});

test.afterAll(async () => {
  await server?.stop();
});

const CYRILLIC = /[\u0400-\u04FF]/u;

/** Nothing Ukrainian in the page's own words (the forms are empty, so nothing typed is shown). */
async function expectAllEnglish(page: Page, what: string) {
  // biome-ignore lint/performance/useDomNodeTextContent: the words a person sees, not hidden markup.
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const word = text.split(' ').find((part) => CYRILLIC.test(part));
  expect(word, `${what}: a Ukrainian word in the English page: «${word}» in «${text.slice(0, 300)}»`).toBe(
    undefined,
  );
}

for (const service of ['damage-report', 'idp-registration', 'benefit-application'] as const) {
  test(`${service} in English: every step, its error messages and the check page are English and pass axe`, async ({
    page,
  }) => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await page.goto(`${server.url}/${service}/new?step=1`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText('Step 1 of');
    const total = Number(/Step 1 of (\d+)/.exec((await heading.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(2);

    for (let step = 1; step < total; step += 1) {
      await page.goto(`${server.url}/${service}/new?step=${step}`);
      await expect(heading).toContainText(`Step ${step} of ${total}`);
      await expectAllEnglish(page, `${service}, step ${step}`);
      await expectNoSeriousAxeViolations(page, `${service} in English, step ${step}`);
      // Continue on an empty step: where the step asks something, its errors are English too.
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      const summary = page.locator('.error-summary');
      if (await summary.isVisible()) {
        await expect(summary.getByRole('heading', { level: 2 })).toBeVisible();
        await expectAllEnglish(page, `${service}, step ${step} with errors`);
        await expectNoSeriousAxeViolations(page, `${service} in English, step ${step} with errors`);
      }
    }
    await page.goto(`${server.url}/${service}/new?step=${total}`);
    await expect(heading).toContainText('Check your answers');
    await expectAllEnglish(page, `${service}, check page`);
    await expectNoSeriousAxeViolations(page, `${service} in English, check page`);
  });
}
