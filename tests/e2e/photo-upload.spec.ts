import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from '@playwright/test';
import { fillDamageReport, waitForServiceWorkerControl } from './app-page';
import { expectNoSeriousAxeViolations } from './axe-check';
import { makePhotoFixtures } from './fixtures/photo-fixtures';
import { createCaseworker, KYIV_CITY, signInOnPage } from './people';
import { attachOnPhotoStep } from './photo-picking';
import { makeDataDir, type RunningServer, startServer } from './server-process';
import { expect, test } from './test';

let server: RunningServer;

test.afterEach(async () => {
  await server?.stop();
});

const CHUNK = 64 * 1024;
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('photos travel after the text, resume from the server’s offset after a cut, and reach the caseworker intact', async ({
  browser,
  context,
  page,
}) => {
  test.setTimeout(240_000);
  const painter = await browser.newPage();
  const fixtures = await makePhotoFixtures(painter);
  await painter.close();

  const dataDir = makeDataDir();
  server = await startServer({ dataDir });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await signInOnPage(page, server);
  await page.goto(server.url);

  // Everything the phone sends, in order: the push's answer, and each chunk with its size.
  const events: string[] = [];
  const patches: { sha: string; offset: number; bytes: number; status: number | undefined }[] = [];
  const isPatch = (request: Request) =>
    request.method() === 'PATCH' && request.url().includes('/api/uploads/');
  context.on('request', (request) => {
    if (!isPatch(request)) return;
    events.push('patch');
    patches.push({
      sha: request.url().split('/').at(-1)!,
      offset: Number(request.headers()['upload-offset']),
      bytes: request.postDataBuffer()?.byteLength ?? 0,
      status: undefined,
    });
  });
  context.on('requestfinished', async (request) => {
    if (request.url().endsWith('/api/sync/push') && (await request.response())?.status() === 200) {
      events.push('push.answered');
    }
    if (isPatch(request)) {
      const offset = Number(request.headers()['upload-offset']);
      const sha = request.url().split('/').at(-1);
      const sent = patches.find((patch) => patch.sha === sha && patch.offset === offset && !patch.status);
      if (sent) sent.status = (await request.response())?.status();
    }
  });
  // A thin link: each chunk takes a moment, so the cut lands in the middle of the photos.
  let firstPatch: () => void = () => undefined;
  const firstPatchSeen = new Promise<void>((resolve) => {
    firstPatch = resolve;
  });
  await context.route('**/api/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH') {
      firstPatch();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await route.continue().catch(() => undefined);
  });

  await context.setOffline(true);
  await fillDamageReport(page, 'Зруйновано дах, є фото.', {
    eachStep: attachOnPhotoStep(page, [fixtures.sideways, fixtures.landscape, fixtures.small]),
  });
  await page.getByRole('button', { name: 'Надіслати повідомлення' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Повідомлення прийнято на телефоні' }),
  ).toBeVisible();
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 0 з 3 надіслано');
  // Before anything travels the person sees what it will cost.
  await expect(page.getByTestId('photo-upload-pending')).toHaveText(/^Ще треба надіслати \d+ КБ фото\.$/);
  const recordId = /\/applications\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  expect(recordId).toBeDefined();

  // Signal returns: the text goes first, then the photos, until the link drops after the first chunk.
  await context.setOffline(false);
  await firstPatchSeen;
  await context.setOffline(true);
  await page.waitForTimeout(1500);
  const beforeCut = patches.length;
  expect(beforeCut).toBeGreaterThan(0);
  await expect(page.getByTestId('photo-upload-progress')).not.toHaveText('Фото: 3 з 3 надіслано');
  // The text is with the office; what is left to send, and the choice of link, are shown.
  await expect(page.getByTestId('delivery')).toContainText('Сервер прийняв повідомлення');
  await expect(page.getByTestId('photo-upload-pending')).toContainText('Текст заяви вже в офісі');
  await expect(page.getByRole('radio', { name: 'лише через Wi-Fi' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'application page with photos still to send');

  // Back online: the worker asks the server what it holds and carries on from there.
  await context.setOffline(false);
  await expect(page.getByTestId('photo-upload-progress')).toHaveText('Фото: 3 з 3 надіслано', {
    timeout: 90_000,
  });

  // Text before the first photo byte.
  expect(events.indexOf('push.answered')).toBeGreaterThanOrEqual(0);
  expect(events.indexOf('push.answered')).toBeLessThan(events.indexOf('patch'));

  // The caseworker sees the record's photos, byte for byte.
  createCaseworker(server, 'o.kyiv', 'correct horse battery staple', [KYIV_CITY]);
  const headers = { origin: server.url, 'x-lastivka-request': '1', 'content-type': 'application/json' };
  const login = await fetch(`${server.url}/api/auth/staff/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ login: 'o.kyiv', password: 'correct horse battery staple' }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const record = (await (
    await fetch(`${server.url}/api/staff/records/${recordId}`, { headers: { ...headers, cookie } })
  ).json()) as { fields: Record<string, unknown> };
  const photoIds = Object.keys(record.fields)
    .map((path) => /^photos\/([^/]+)\/_exists$/.exec(path)?.[1])
    .filter((id): id is string => id !== undefined && record.fields[`photos/${id}/_exists`] === true);
  expect(photoIds).toHaveLength(3);
  let photoBytes = 0;
  for (const photoId of photoIds) {
    const answer = await fetch(`${server.url}/api/staff/records/${recordId}/photos/${photoId}`, {
      headers: { cookie },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await answer.arrayBuffer());
    const sha = String(record.fields[`photos/${photoId}/sha256`]);
    expect(sha256Of(bytes)).toBe(sha);
    expect(bytes.byteLength).toBe(record.fields[`photos/${photoId}/bytes`]);
    photoBytes += bytes.byteLength;
    // Stored once, content-addressed, on the server's disk.
    const file = join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2));
    expect(existsSync(file)).toBe(true);
    expect(sha256Of(readFileSync(file))).toBe(sha);
  }

  // Nothing was sent twice beyond the one chunk the cut caught in flight; the server took each byte
  // exactly once (every chunk it accepted started where the previous one ended).
  const sentBytes = patches.reduce((sum, patch) => sum + patch.bytes, 0);
  expect(sentBytes).toBeGreaterThanOrEqual(photoBytes);
  expect(sentBytes).toBeLessThanOrEqual(photoBytes + CHUNK);
  const acceptedBytes = patches
    .filter((patch) => patch.status === 204)
    .reduce((sum, patch) => sum + patch.bytes, 0);
  expect(acceptedBytes).toBe(photoBytes);
});
