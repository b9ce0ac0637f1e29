import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csrfGuard } from '../../../src/server/auth';
import { type AuthTestApp, createAuthTestApp, PHONE } from './auth-test-app';

let t: AuthTestApp;

beforeEach(async () => {
  t = await createAuthTestApp();
});

afterEach(async () => {
  await t.dispose();
});

const otpRequest = (headers: Record<string, string>) =>
  t.request('/api/auth/otp/request', { body: { phone: PHONE }, bare: true, headers });

describe('csrfGuard on /api/auth', () => {
  it('refuses a POST without Origin and without the custom header, writing nothing', async () => {
    const response = await otpRequest({});
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'csrf.rejected' });
    expect(t.outbox()).toEqual([]);
    expect(await t.harness.query('SELECT * FROM rate_buckets')).toEqual([]);
  });

  it('refuses a cross-origin POST even with the custom header', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:8081', 'null', 'https://localhost']) {
      expect((await otpRequest({ origin, 'x-lastivka-request': '1' })).status).toBe(403);
    }
  });

  it('refuses a same-origin POST without the custom header (a plain form cannot add one)', async () => {
    expect((await otpRequest({ origin: 'http://localhost' })).status).toBe(403);
    expect((await otpRequest({ origin: 'http://localhost', 'x-lastivka-request': 'yes' })).status).toBe(403);
  });

  it('lets a same-origin POST with the header through', async () => {
    expect((await otpRequest({ origin: 'http://localhost', 'x-lastivka-request': '1' })).status).toBe(202);
  });

  it('accepts a missing Origin only with Sec-Fetch-Site: same-origin', async () => {
    expect((await otpRequest({ 'sec-fetch-site': 'same-origin', 'x-lastivka-request': '1' })).status).toBe(
      202,
    );
    expect((await otpRequest({ 'sec-fetch-site': 'cross-site', 'x-lastivka-request': '1' })).status).toBe(
      403,
    );
    expect((await otpRequest({ 'sec-fetch-site': 'same-site', 'x-lastivka-request': '1' })).status).toBe(403);
  });

  it('guards sign-in and logout too (login CSRF), but not GET /me', async () => {
    const cookie = await t.signInCitizen();
    const logout = await t.request('/api/auth/logout', { method: 'POST', cookie, bare: true });
    expect(logout.status).toBe(403);
    expect((await t.request('/api/auth/me', { cookie, bare: true })).status).toBe(200);
    const verify = await t.request('/api/auth/otp/verify', {
      body: { phone: PHONE, code: '123456' },
      bare: true,
    });
    expect(verify.status).toBe(403);
  });

  it('behind a proxy over HTTPS compares with the https origin', async () => {
    const response = await otpRequest({
      origin: 'https://localhost',
      'x-lastivka-request': '1',
      'x-forwarded-proto': 'https',
    });
    expect(response.status).toBe(202);
  });
});

describe('csrfGuard with PUBLIC_ORIGIN', () => {
  const app = new Hono();
  app.use('/api/*', csrfGuard({ publicOrigin: 'https://lastivka.example' }));
  app.all('/api/thing', (c) => c.text('ok'));
  const send = (method: string, headers: Record<string, string>) =>
    Promise.resolve(app.request('http://internal:8080/api/thing', { method, headers }));

  it('compares with the configured origin, not the Host the proxy passed on', async () => {
    expect(
      (await send('POST', { origin: 'https://lastivka.example', 'x-lastivka-request': '1' })).status,
    ).toBe(200);
    expect((await send('POST', { origin: 'http://internal:8080', 'x-lastivka-request': '1' })).status).toBe(
      403,
    );
  });

  it('guards PUT, PATCH, DELETE and OPTIONS, and lets GET and HEAD through', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS'])
      expect((await send(method, {})).status).toBe(403);
    expect((await send('GET', {})).status).toBe(200);
    expect((await send('HEAD', {})).status).toBe(200);
  });
});
