import { createHash, randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { KYIV_OBLAST, submitMutation, VALID_FIELDS } from '../integration/fixtures';
import { expectNoSeriousAxeViolations } from './axe-check';
import { paintJpeg } from './fixtures/photo-fixtures';
import { createCaseworker, latestCode } from './people';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

// The alt text names the time a photo was taken in the caseworker's zone; pin it so the test reads
// the same everywhere.
test.use({ timezoneId: 'Europe/Kyiv' });

const PASSWORD = 'correct horse battery staple';
const CHUNK = 64 * 1024;
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A citizen's phone reduced to its requests: signed in with an SMS code, it pushes a report whose
 * photo rows are already on it, then uploads photo bytes in chunks, whenever the test says.
 */
async function citizenPhone(phoneE164: string) {
  const headers = { origin: server.url, 'x-lastivka-request': '1' };
  const json = { ...headers, 'content-type': 'application/json' };
  const asked = await fetch(`${server.url}/api/auth/otp/request`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ phone: phoneE164 }),
  });
  expect(asked.status).toBe(202);
  const code = await latestCode(server.dataDir, phoneE164);
  const verified = await fetch(`${server.url}/api/auth/otp/verify`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ phone: phoneE164, code }),
  });
  expect(verified.status).toBe(200);
  const cookie = verified.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const clientId = randomUUID();
  return {
    async submit(fields: Record<string, unknown>) {
      const mutation = submitMutation(1, { fields: fields as typeof VALID_FIELDS });
      const pushed = await fetch(`${server.url}/api/sync/push`, {
        method: 'POST',
        headers: { ...json, cookie },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, mutations: [mutation] }),
      });
      expect(pushed.status).toBe(200);
      return mutation;
    },
    async upload(bytes: Uint8Array) {
      const sha = sha256Of(bytes);
      let answer: Response | undefined;
      for (let offset = 0; offset < bytes.byteLength; offset += CHUNK) {
        answer = await fetch(`${server.url}/api/uploads/${sha}`, {
          method: 'PATCH',
          headers: {
            ...headers,
            cookie,
            'content-type': 'application/offset+octet-stream',
            'upload-offset': String(offset),
            'upload-length': String(bytes.byteLength),
          },
          body: bytes.subarray(offset, offset + CHUNK) as Uint8Array<ArrayBuffer>,
        });
        expect(answer.status).toBe(204);
      }
      expect(answer?.headers.get('upload-complete')).toBe('?1');
    },
  };
}

/** The photo rows the phone writes when a picture is attached (src/local/photos/add-photo.ts). */
function photoRow(photoId: string, bytes: Uint8Array, size: [number, number], takenAt: string) {
  return {
    [`photos/${photoId}/_exists`]: true,
    [`photos/${photoId}/sha256`]: sha256Of(bytes),
    [`photos/${photoId}/width`]: size[0],
    [`photos/${photoId}/height`]: size[1],
    [`photos/${photoId}/bytes`]: bytes.byteLength,
    [`photos/${photoId}/takenAt`]: takenAt,
  };
}

test('the console shows a record before its photos and each photo as it arrives, with no reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const first = await paintJpeg(page, { width: 640, height: 480, seed: 5 });
  const second = await paintJpeg(page, { width: 480, height: 640, seed: 9 });
  server = await startServer({ dataDir: makeDataDir() });
  createCaseworker(server, 'kyiv.office', PASSWORD, [KYIV_OBLAST]);

  // The text arrives with both photo rows; the first photo's bytes follow, the second's not yet.
  const phone = await citizenPhone('+380671234567');
  const firstId = randomUUID();
  const secondId = randomUUID();
  const report = await phone.submit({
    ...VALID_FIELDS,
    ...photoRow(firstId, first, [640, 480], '2026-11-28T12:05:00.000Z'),
    ...photoRow(secondId, second, [480, 640], '2026-11-28T12:07:00.000Z'),
  });
  await phone.upload(first);

  // The page's timers run on a clock the test moves: the 15-second refresh without 15 s of waiting.
  await page.clock.install();
  await page.goto(`${server.url}/staff/`);
  await page.getByLabel('Логін').fill('kyiv.office');
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await page.getByRole('link', { name: report.reference }).click();

  const summary = page.getByTestId('staff-photo-summary');
  await expect(summary).toHaveText('Фото: 1 з 2 надійшли');
  await expect(page.getByRole('heading', { level: 2, name: 'Фото: 1 з 2 надійшли' })).toBeVisible();
  await expect(summary).toHaveAttribute('role', 'status');
  const photos = page.getByTestId('staff-photo');
  await expect(photos).toHaveCount(1);
  await expect(photos).toHaveAttribute('alt', 'Фото 1 з 2, зроблено 28.11.2026 14:05');
  await expect
    .poll(() => photos.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
    .toBe(640);
  await expect(page.getByTestId('staff-photo-pending')).toHaveText(['Фото 2 ще надходить з телефона']);
  await expectNoSeriousAxeViolations(page, 'console record with one photo of two arrived');

  // The thumbnail is a link to the full photo, for a new tab. Chromium shows a bare image in a
  // viewer that styles itself inline: the photo's own CSP allows that, so the tab shows the photo
  // and test.ts, which watches every tab of the context, counts no violation.
  const link = page.getByRole('link', { name: /^Фото 1 з 2, зроблено 28\.11\.2026 14:05/ });
  const href = `/api/staff/records/${report.recordId}/photos/${firstId}`;
  await expect(link).toHaveAttribute('href', href);
  await expect(link).toHaveAttribute('target', '_blank');
  const full = await page.request.get(`${server.url}${href}`);
  expect(full.status()).toBe(200);
  expect(full.headers()['content-type']).toBe('image/jpeg');
  expect(sha256Of(await full.body())).toBe(sha256Of(first));
  const [tab] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe(href);
  await expect
    .poll(() =>
      tab.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth),
    )
    .toBe(640);
  await tab.close();

  // The second photo's bytes arrive; the page finds them at its next refresh, still the same page,
  // by asking the record's photo list (not audited), never the whole record again (audited).
  const recordPath = `/api/staff/records/${report.recordId}`;
  const asks: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === recordPath || pathname === `${recordPath}/photos`) asks.push(pathname);
  });
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await phone.upload(second);
  await page.clock.fastForward(16_000);
  await expect(summary).toHaveText('Фото: 2 з 2 надійшли');
  await expect(photos).toHaveCount(2);
  await expect(photos.nth(1)).toHaveAttribute('alt', 'Фото 2 з 2, зроблено 28.11.2026 14:07');
  await expect
    .poll(() => photos.nth(1).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
    .toBe(480);
  await expect(page.getByTestId('staff-photo-pending')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );

  expect(asks).toEqual([`${recordPath}/photos`]);

  // With every photo here the page stops asking.
  asks.length = 0;
  await page.clock.fastForward(60_000);
  await page.waitForTimeout(500);
  expect(asks).toEqual([]);
  // The record was read once, when the page opened; the waiting left no trace in the audit log.
  const trail = await page.request.get(`${server.url}${recordPath}/audit`);
  const { entries } = (await trail.json()) as { entries: { action: string }[] };
  expect(entries.filter((entry) => entry.action === 'record.read')).toHaveLength(1);
});
