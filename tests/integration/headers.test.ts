import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { openFileBlobStore } from '../../src/server/blobs';
import { PERMISSIONS_POLICY } from '../../src/server/security-headers';
import type { Store } from '../../src/server/store/store';
import type { FieldValue } from '../../src/shared/record';
import { type Backend, createTestApp, KYIV, memoryLog, openBackend } from './authz/test-app';
import { newId, submitMutation, VALID_FIELDS } from './fixtures';

// The same security headers on every kind of answer: a static file, the shell, sw.js, the API, its
// refusals and errors, and both kinds of 404. The one difference is the CSP of a staff photo's bytes,
// which a browser shows in a document of its own making when the console opens it in a new tab.

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
/** Chromium's viewer for a bare image styles it inline; nothing else may load or run there. */
const PHOTO_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

let backend: Backend;
let staticDir: string;
let blobDir: string;
let app: Hono;
let brokenApp: Hono;
/** A caseworker's cookie; a record's photo list, a photo of it whose bytes are here, one on its way. */
let caseworkerCookie: string;
let photoListUrl: string;
let arrivedPhotoUrl: string;
let pendingPhotoUrl: string;

beforeAll(async () => {
  backend = await openBackend('sqlite');
  staticDir = mkdtempSync(path.join(tmpdir(), 'lastivka-headers-'));
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><title>Lastivka</title><script type="module" src="/assets/x.js"></script>',
  );
  writeFileSync(path.join(staticDir, 'sw.js'), 'self.skipWaiting();');
  writeFileSync(path.join(staticDir, 'assets', 'x.js'), 'export {};');
  blobDir = mkdtempSync(path.join(tmpdir(), 'lastivka-headers-blobs-'));
  const blobs = await openFileBlobStore(blobDir);
  const t = await createTestApp(backend, { staticDir, blobs });
  app = t.app;
  const citizen = await t.signInCitizen('+380501234567');
  const photo = randomBytes(2_000);
  const sha256 = createHash('sha256').update(photo).digest('hex');
  const [arrivedId, pendingId] = [newId(), newId()];
  const fields: Record<string, FieldValue> = { ...VALID_FIELDS };
  for (const [photoId, hash] of [
    [arrivedId, sha256],
    [pendingId, 'f'.repeat(64)],
  ] as const) {
    fields[`photos/${photoId}/_exists`] = true;
    fields[`photos/${photoId}/sha256`] = hash;
  }
  const submitted = submitMutation(t.nextMutationId(citizen), { fields: fields as typeof VALID_FIELDS });
  await t.pushOk(citizen, [submitted]);
  // The bytes put straight into the store: the upload route's headers are the API's, tested above.
  if (!(await blobs.append(sha256, 0, photo)).ok || !(await blobs.complete(sha256)))
    throw new Error('setup photo not stored');
  await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
  caseworkerCookie = (await t.signInStaff('o.petrenko')).cookie;
  photoListUrl = `/api/staff/records/${submitted.recordId}/photos`;
  arrivedPhotoUrl = `${photoListUrl}/${arrivedId}`;
  pendingPhotoUrl = `${photoListUrl}/${pendingId}`;
  const broken = {
    ...backend.store,
    get kind(): never {
      throw new Error('secret internals');
    },
  } as Store;
  brokenApp = createApp({ store: broken, staticDir, log: memoryLog() });
});

afterAll(async () => {
  rmSync(staticDir, { recursive: true, force: true });
  rmSync(blobDir, { recursive: true, force: true });
  await backend.dispose();
});

const asCaseworker = (url: string) => app.request(url, { headers: { cookie: caseworkerCookie } });

const answers: [string, () => Promise<Response>, number, 'api' | 'static' | 'photo'][] = [
  ['a static file', async () => app.request('/assets/x.js'), 200, 'static'],
  ['the app shell', async () => app.request('/'), 200, 'static'],
  ['a deep link', async () => app.request('/reports/x', { headers: { accept: 'text/html' } }), 200, 'static'],
  ['sw.js', async () => app.request('/sw.js'), 200, 'static'],
  ['an API route', async () => app.request('/api/health'), 200, 'api'],
  ['an API refusal (401)', async () => app.request('/api/auth/me'), 401, 'api'],
  ['a CSRF refusal (403)', async () => app.request('/api/sync/push', { method: 'POST' }), 403, 'api'],
  ['a missing file (404)', async () => app.request('/nothing-here.txt'), 404, 'static'],
  ['a missing API route (404)', async () => app.request('/api/nowhere'), 404, 'api'],
  ['a server error (500)', async () => brokenApp.request('/api/health'), 500, 'api'],
  ['a staff photo', async () => asCaseworker(arrivedPhotoUrl), 200, 'photo'],
  ['a staff photo not arrived (404)', async () => asCaseworker(pendingPhotoUrl), 404, 'api'],
  ['a staff photo, signed out (401)', async () => app.request(arrivedPhotoUrl), 401, 'api'],
  ['the staff photo list', async () => asCaseworker(photoListUrl), 200, 'api'],
];

describe('security headers', () => {
  it.each(answers)('are on %s', async (_name, send, status, kind) => {
    const response = await send();
    expect(response.status).toBe(status);
    const headers = response.headers;
    expect(headers.get('content-security-policy')).toBe(kind === 'photo' ? PHOTO_CSP : CSP);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
    expect(headers.get('strict-transport-security')).toBeNull();
    if (kind === 'api') expect(headers.get('cache-control')).toBe('no-store');
    else if (kind === 'photo') expect(headers.get('cache-control')).toBe('private, no-store');
    else expect(headers.get('cache-control')).not.toBe('no-store');
  });

  it('allow the camera and location on our own origin only, and nothing else', () => {
    const policy = Object.fromEntries(PERMISSIONS_POLICY.split(', ').map((item) => item.split('=')));
    expect(policy).toMatchObject({
      camera: '(self)',
      geolocation: '(self)',
      microphone: '()',
      payment: '()',
      usb: '()',
    });
    for (const [feature, allow] of Object.entries(policy)) {
      if (feature !== 'camera' && feature !== 'geolocation') expect(allow, feature).toBe('()');
    }
  });

  it.each([
    ['directly', 'https://lastivka.example/sw.js', {}],
    ['behind a TLS proxy', '/assets/x.js', { 'x-forwarded-proto': 'https' }],
    ['on an API error', 'https://lastivka.example/api/nowhere', {}],
  ])('add HSTS over HTTPS (%s)', async (_name, url, headers) => {
    const response = await app.request(url, { headers });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });

  it('add HSTS over HTTPS to a staff photo too, which keeps its own CSP', async () => {
    const response = await app.request(arrivedPhotoUrl, {
      // Over HTTPS the session cookie has the __Host- name.
      headers: { cookie: `__Host-${caseworkerCookie}`, 'x-forwarded-proto': 'https' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(response.headers.get('content-security-policy')).toBe(PHOTO_CSP);
  });
});

describe('the pages the CSP protects', () => {
  // The CSP has no 'unsafe-inline': an inline script, style element or attribute, or event handler
  // in a page would be blocked in the browser, so none may be there.
  it.each(['index.html', 'staff.html'])('%s has no inline script, style or handler', (file) => {
    const html = readFileSync(path.join(process.cwd(), file), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});
