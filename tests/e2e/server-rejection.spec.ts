import { gunzipSync, gzipSync } from 'node:zlib';
import { expectStep, fillDamageReport, next, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { signInOnPage } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { type BrowserContext, expect, type Page, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

/**
 * The phone and the server check with the same schemas today, so nothing the form lets through is
 * refused. To see what a person would see if an older phone's rules differed from the server's, this
 * test alters the submitted post code IN FLIGHT (01001 → 0100) on its way to the server. The refusal
 * itself — the reason, the field path and the message key — is the real server's answer, untouched.
 * Fills and sends such a report and returns once the phone shows it was refused.
 */
async function submitRefusedReport(context: BrowserContext, page: Page) {
  server = await startServer({ dataDir: makeDataDir() });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);

  let tampered = 0;
  await context.route('**/api/sync/push', async (route) => {
    const request = route.request();
    const raw = request.postDataBuffer();
    if (!raw) return route.continue();
    const gzipped = request.headers()['content-encoding'] === 'gzip';
    const body = JSON.parse((gzipped ? gunzipSync(raw) : raw).toString('utf8')) as {
      mutations: { type: string; fields?: Record<string, unknown> }[];
    };
    for (const mutation of body.mutations) {
      if (mutation.type === 'record/submit' && mutation.fields?.propPostCode === '01001') {
        mutation.fields.propPostCode = '0100';
        tampered += 1;
      }
    }
    const json = Buffer.from(JSON.stringify(body), 'utf8');
    await route.continue({ postData: gzipped ? gzipSync(json) : json });
  });

  await fillDamageReport(page, 'Вибито вікна, тріщина в стіні над вхідними дверима.');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Потребує вашої уваги', { timeout: 30_000 });
  expect(tampered).toBeGreaterThan(0);
  await context.unroute('**/api/sync/push');
}

test('a field the server refuses is shown at that field, on its step, in the summary; fixed and sent again it is delivered', async ({
  context,
  page,
}) => {
  await submitRefusedReport(context, page);
  await expect(page.getByText('Сервер не прийняв повідомлення.')).toBeVisible();

  // «Виправити й надіслати знову» opens the form on the step that holds the refused field.
  await page.getByRole('link', { name: 'Виправити й надіслати знову' }).click();
  await expectStep(page, 4, 'Адреса майна');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Поштовий індекс — 5 цифр' })).toBeVisible();
  const postCode = page.getByTestId('address-prop').getByLabel('Поштовий індекс');
  await expect(postCode).toHaveAttribute('aria-invalid', 'true');
  await expect(postCode).toHaveAccessibleDescription(/Поштовий індекс — 5 цифр/);
  await expectNoSeriousAxeViolations(page, 'server refusal at the post code');

  // The summary link takes the keyboard to the field.
  await summary.getByRole('link', { name: 'Поштовий індекс — 5 цифр' }).click();
  await expect(postCode).toBeFocused();

  // Passing the step clears its refusal; the other steps carry none.
  await postCode.fill('01001');
  await next(page);
  await expectStep(page, 5, 'Що сталося');
  await expect(page.locator('.error-summary')).toHaveCount(0);
  await next(page);
  await next(page);
  await next(page);
  await expectStep(page, 8, 'Перевірте відповіді');
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(page.getByTestId('record-state')).toHaveText('Доставлено', { timeout: 30_000 });
});

test('the refusal is shown in the person’s language: in English at the same field', async ({
  context,
  page,
}) => {
  await submitRefusedReport(context, page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('The server did not accept the report.')).toBeVisible();
  await page.getByRole('link', { name: 'Correct and send again' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Step 4 of 8');
  await expect(heading).toContainText('Property address');
  const summary = page.locator('.error-summary');
  await expect(summary.getByRole('link', { name: 'The post code is 5 digits' })).toBeVisible();
  const postCode = page.getByTestId('address-prop').getByLabel('Post code');
  await expect(postCode).toHaveAttribute('aria-invalid', 'true');
  await expect(postCode).toHaveAccessibleDescription(/The post code is 5 digits/);
  await expectNoSeriousAxeViolations(page, 'server refusal in English');
});
