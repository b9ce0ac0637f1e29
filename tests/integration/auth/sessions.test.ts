import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_IDLE_LIFETIME_MS } from '../../../src/server/auth';
import { sha256Hex } from '../../../src/server/auth/secret-hash';
import { type AuthTestApp, cookieFrom, createAuthTestApp, PHONE } from './auth-test-app';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
let t: AuthTestApp;

beforeEach(async () => {
  t = await createAuthTestApp();
});

afterEach(async () => {
  await t.dispose();
});

const me = (cookie?: string, https = false) =>
  t.request(https ? 'https://localhost/api/auth/me' : '/api/auth/me', cookie === undefined ? {} : { cookie });

describe('session cookie', () => {
  it('over HTTP is lastivka_session: HttpOnly, SameSite=Strict, Path=/, 90 days, not Secure', async () => {
    await t.request('/api/auth/otp/request', { body: { phone: PHONE } });
    const response = await t.request('/api/auth/otp/verify', { body: { phone: PHONE, code: t.lastCode() } });
    const header = response.headers.get('set-cookie')!;
    expect(header).toMatch(/^lastivka_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    expect(header).toContain(`Max-Age=${SESSION_IDLE_LIFETIME_MS / 1000}`);
    expect(header).not.toContain('Secure');
    expect(header).not.toContain('Domain');
  });

  for (const [how, path, headers] of [
    [
      'X-Forwarded-Proto: https',
      '/api/auth/otp/verify',
      { 'x-forwarded-proto': 'https', origin: 'https://localhost' },
    ],
    ['an https URL', 'https://localhost/api/auth/otp/verify', { origin: 'https://localhost' }],
  ] as const) {
    it(`over HTTPS (${how}) is __Host-lastivka_session with Secure, Path=/ and no Domain`, async () => {
      await t.request('/api/auth/otp/request', { body: { phone: PHONE } });
      const response = await t.request(path, { body: { phone: PHONE, code: t.lastCode() }, headers });
      expect(response.status).toBe(200);
      const header = response.headers.get('set-cookie')!;
      expect(header).toMatch(/^__Host-lastivka_session=[A-Za-z0-9_-]{43};/);
      for (const flag of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']) expect(header).toContain(flag);
      expect(header).not.toContain('Domain');
    });
  }

  it('over HTTPS only the __Host- cookie counts, not a plain one planted over HTTP', async () => {
    const plain = await t.signInCitizen();
    expect((await me(plain)).status).toBe(200);
    expect((await me(plain, true)).status).toBe(401);
    const token = plain.split('=')[1]!;
    expect((await me(`__Host-lastivka_session=${token}`, true)).status).toBe(200);
  });

  it('stores only the SHA-256 of the token', async () => {
    const cookie = await t.signInCitizen();
    const token = cookie.split('=')[1]!;
    const rows = await t.harness.query('SELECT session_id_hash FROM sessions');
    expect(rows).toEqual([{ session_id_hash: sha256Hex(token) }]);
    expect(JSON.stringify(await t.harness.query('SELECT * FROM sessions'))).not.toContain(token);
  });
});

describe('sessions', () => {
  it('answer /me with the kind and masked phone, never the id or the full phone', async () => {
    const cookie = await t.signInCitizen();
    const response = await me(cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ user: { kind: 'citizen', phoneMasked: '+380•••••4567' } });
  });

  it('refuse no cookie, a malformed one and an unknown one with 401 auth.required', async () => {
    for (const cookie of [undefined, 'lastivka_session=garbage', `lastivka_session=${'A'.repeat(43)}`]) {
      const response = await me(cookie);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'auth.required' });
    }
  });

  it('slide: last use at most once an hour moves the expiry 90 days on and re-sends the cookie', async () => {
    const cookie = await t.signInCitizen();
    const lastSeen = async () =>
      String((await t.harness.query('SELECT last_seen_at FROM sessions'))[0]?.last_seen_at);
    const signedInAt = await lastSeen();

    t.advance(30 * 60_000);
    const soon = await me(cookie);
    expect(soon.status).toBe(200);
    expect(soon.headers.get('set-cookie')).toBeNull();
    expect(await lastSeen()).toBe(signedInAt);

    t.advance(31 * 60_000);
    const later = await me(cookie);
    expect(later.status).toBe(200);
    expect(later.headers.get('set-cookie')).toContain(`Max-Age=${SESSION_IDLE_LIFETIME_MS / 1000}`);
    expect(await lastSeen()).toBe(t.now().toISOString());

    // Weeks offline: 89 days after the last use it still works, and slides again.
    t.advance(89 * DAY);
    expect((await me(cookie)).status).toBe(200);
    t.advance(89 * DAY);
    expect((await me(cookie)).status).toBe(200);
  });

  it('expire 90 days after the last use', async () => {
    const cookie = await t.signInCitizen();
    t.advance(90 * DAY);
    const response = await me(cookie);
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toMatch(/^lastivka_session=;.*Max-Age=0/);
  });

  it('end at logout: revoked server-side and the cookie cleared', async () => {
    const cookie = await t.signInCitizen();
    const response = await t.request('/api/auth/logout', { method: 'POST', cookie });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ signedOut: true });
    expect(response.headers.get('set-cookie')).toMatch(/^lastivka_session=;.*Max-Age=0/);
    expect((await me(cookie)).status).toBe(401);
    expect((await t.harness.query('SELECT revoked_at FROM sessions'))[0]?.revoked_at).toBe(
      t.now().toISOString(),
    );
  });

  it('logout without a session still answers 200', async () => {
    expect((await t.request('/api/auth/logout', { method: 'POST' })).status).toBe(200);
  });

  it('are all revoked by revokeAllSessions, on every device', async () => {
    const phone = await t.signInCitizen();
    const laptop = await t.signInCitizen();
    const user = await t.store.findUserByPhone(PHONE);
    expect(await t.auth.sessions.revokeAllSessions(user!)).toBe(2);
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
  });

  it('stop working when the user is disabled', async () => {
    await t.createStaff('o.petrenko', 'caseworker');
    const cookie = await t.signInStaff('o.petrenko');
    expect((await me(cookie)).status).toBe(200);
    const user = await t.store.findUserByLogin('o.petrenko');
    await t.store.disableUser(user!.userId, t.now(), {
      actorUserId: null,
      actorKind: 'system',
      action: 'user.disabled',
      recordId: user!.userId,
      detail: null,
    });
    expect((await me(cookie)).status).toBe(401);
  });

  it('are per device: the client id is kept with the session', async () => {
    const deviceId = '0b9f3c5e-8a41-4c1e-9d51-2f7f3a0c1d22';
    await t.request('/api/auth/otp/request', { body: { phone: PHONE } });
    const response = await t.request('/api/auth/otp/verify', {
      body: { phone: PHONE, code: t.lastCode() },
      deviceId,
    });
    expect(cookieFrom(response)).toMatch(/^lastivka_session=/);
    expect(await t.harness.query('SELECT device_id FROM sessions')).toEqual([{ device_id: deviceId }]);
  });
});

describe('requireUser', () => {
  it('answers 401 without a session and 403 auth.forbidden for the wrong kind', async () => {
    const anonymous = await t.request('/api/staff/invites', { body: {} });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'auth.required' });
    const citizen = await t.signInCitizen();
    const forbidden = await t.request('/api/staff/invites', { body: {}, cookie: citizen });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: 'auth.forbidden' });
  });

  it('answers 503 with Retry-After when the identity store fails', async () => {
    const cookie = await t.signInCitizen();
    await t.store.close();
    const response = await me(cookie);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ error: 'identity.unavailable' });
  });
});
