import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmsDeliveryError } from '../../../src/server/auth';
import { type AuthTestApp, createAuthTestApp, PHONE } from './auth-test-app';

const MINUTE = 60_000;
let t: AuthTestApp;

beforeEach(async () => {
  t = await createAuthTestApp();
});

afterEach(async () => {
  await t.dispose();
});

const requestCode = (phone = PHONE, extra: { ip?: string; deviceId?: string } = {}) =>
  t.request('/api/auth/otp/request', { body: { phone }, ...extra });
const verify = (code: string, phone = PHONE) => t.request('/api/auth/otp/verify', { body: { phone, code } });
const wrongCode = (code: string) => (code === '000000' ? '000001' : '000000');
const phoneNumber = (index: number) =>
  `+38067${String(1_000_000 + index)
    .slice(1)
    .padStart(7, '0')}`;

describe('POST /api/auth/otp/request', () => {
  it('sends a Ukrainian SMS with a fresh 6-digit code, stored only as a keyed hash', async () => {
    const response = await requestCode('050 123 45 67');
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ sent: true });
    const [sms] = t.outbox();
    expect(sms?.phone).toBe(PHONE);
    expect(sms?.text).toMatch(/^Код для входу в Ластівку: \d{6}\. Нікому його не повідомляйте\.$/);
    const rows = await t.harness.query('SELECT phone, code_hash, attempts FROM otp_codes');
    expect(rows).toEqual([{ phone: PHONE, code_hash: expect.stringMatching(/^[0-9a-f]{64}$/), attempts: 0 }]);
    expect(String(rows[0]?.code_hash)).not.toContain(t.lastCode());
  });

  it('answers the same for a phone with and without an account', async () => {
    await t.signInCitizen();
    const known = await requestCode();
    const unknown = await requestCode('+380671112233');
    expect([known.status, await known.json()]).toEqual([unknown.status, await unknown.json()]);
  });

  it('refuses a malformed or landline number with 400 and writes nothing', async () => {
    for (const [phone, message] of [
      ['12345', 'phone.format'],
      ['+380441234567', 'phone.notMobile'],
    ] as const) {
      const response = await requestCode(phone);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: 'request.invalid',
        issues: [{ field: 'phone', message }],
      });
    }
    expect(await t.harness.query('SELECT * FROM otp_codes')).toEqual([]);
    expect(await t.harness.query('SELECT * FROM rate_buckets')).toEqual([]);
    expect(t.outbox()).toEqual([]);
  });

  it('limits codes per phone (3 in 15 minutes) with 429 and Retry-After', async () => {
    for (let index = 0; index < 3; index++) expect((await requestCode()).status).toBe(202);
    const refused = await requestCode();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'rate.limited' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(t.outbox()).toHaveLength(3);
    // Another phone is not affected; after the window the phone may ask again.
    expect((await requestCode('+380671112233')).status).toBe(202);
    t.advance(retryAfter * 1000);
    expect((await requestCode()).status).toBe(202);
  });

  it('limits codes per address (20 an hour), whatever the phones', async () => {
    for (let index = 0; index < 20; index++) {
      expect((await requestCode(phoneNumber(index), { ip: '203.0.113.7' })).status).toBe(202);
    }
    const refused = await requestCode(phoneNumber(99), { ip: '203.0.113.7' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect((await requestCode(phoneNumber(99), { ip: '203.0.113.8' })).status).toBe(202);
  });

  it('limits codes per device (5 an hour), whatever the phones and addresses', async () => {
    const deviceId = '0b9f3c5e-8a41-4c1e-9d51-2f7f3a0c1d22';
    for (let index = 0; index < 5; index++)
      expect((await requestCode(phoneNumber(index), { deviceId })).status).toBe(202);
    expect((await requestCode(phoneNumber(5), { deviceId })).status).toBe(429);
    expect(
      (await requestCode(phoneNumber(5), { deviceId: '1b9f3c5e-8a41-4c1e-9d51-2f7f3a0c1d22' })).status,
    ).toBe(202);
  });

  it('keeps phone numbers out of the log and out of the counters', async () => {
    await requestCode();
    const buckets = await t.harness.query('SELECT key FROM rate_buckets');
    expect(buckets.length).toBeGreaterThan(0);
    for (const { key } of buckets) expect(String(key)).not.toMatch(/380|501234567|10\.0\./);
    expect(JSON.stringify(t.logLines)).not.toMatch(/501234567/);
  });
});

describe('POST /api/auth/otp/verify', () => {
  it('signs in with the right code and answers a masked phone', async () => {
    await requestCode();
    const response = await verify(t.lastCode());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { kind: 'citizen', phoneMasked: '+380•••••4567' } });
    expect(response.headers.get('set-cookie')).toMatch(/^lastivka_session=/);
  });

  it('fails a code that expired (5 minutes) with the generic answer', async () => {
    await requestCode();
    t.advance(5 * MINUTE);
    const response = await verify(t.lastCode());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'otp.invalid', message: 'The code is not valid' });
  });

  it('accepts a code just before it expires', async () => {
    await requestCode();
    t.advance(5 * MINUTE - 1000);
    expect((await verify(t.lastCode())).status).toBe(200);
  });

  it('fails a code used once already', async () => {
    await requestCode();
    const code = t.lastCode();
    expect((await verify(code)).status).toBe(200);
    const again = await verify(code);
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('locks the code after five wrong attempts, so even the right one then fails until a new code', async () => {
    await requestCode();
    const code = t.lastCode();
    for (let attempt = 0; attempt < 5; attempt++) expect((await verify(wrongCode(code))).status).toBe(401);
    const locked = await verify(code);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: 'otp.locked' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('set-cookie')).toBeNull();

    await requestCode();
    expect((await verify(t.lastCode())).status).toBe(200);
  });

  it('retires the previous code when a new one is requested', async () => {
    await requestCode();
    const first = t.lastCode();
    await requestCode();
    const second = t.lastCode();
    if (first !== second) expect((await verify(first)).status).toBe(401);
    expect((await verify(second)).status).toBe(200);
  });

  it('gives the same answer for a wrong code, an expired code and a phone that never asked', async () => {
    await requestCode();
    const wrong = await verify(wrongCode(t.lastCode()));
    const never = await verify('123456', '+380671112233');
    await requestCode('+380931112233');
    t.advance(6 * MINUTE);
    const expired = await verify(t.lastCode('+380931112233'), '+380931112233');
    const bodies = await Promise.all([wrong, never, expired].map((response) => response.text()));
    expect([wrong.status, never.status, expired.status]).toEqual([401, 401, 401]);
    expect(new Set(bodies).size).toBe(1);
  });

  it('limits guesses per address across phones (against spraying many phones)', async () => {
    const limited = await createAuthTestApp({ limits: { verifyPerIp: { limit: 3, windowSeconds: 3600 } } });
    try {
      for (let index = 0; index < 3; index++) {
        const response = await limited.request('/api/auth/otp/verify', {
          body: { phone: phoneNumber(index), code: '123456' },
          ip: '198.51.100.1',
        });
        expect(response.status).toBe(401);
      }
      const refused = await limited.request('/api/auth/otp/verify', {
        body: { phone: phoneNumber(9), code: '123456' },
        ip: '198.51.100.1',
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).not.toBeNull();
    } finally {
      await limited.dispose();
    }
  });

  it('refuses a disabled citizen with the generic answer', async () => {
    await t.signInCitizen();
    const user = await t.store.findUserByPhone(PHONE);
    await t.store.disableUser(user!.userId, t.now(), {
      actorUserId: null,
      actorKind: 'system',
      action: 'user.disabled',
      recordId: user!.userId,
      detail: null,
    });
    await requestCode();
    expect((await verify(t.lastCode())).status).toBe(401);
  });

  it('creates one citizen per phone however often they sign in', async () => {
    await t.signInCitizen();
    await t.signInCitizen();
    expect(await t.harness.query('SELECT kind, phone FROM users')).toEqual([
      { kind: 'citizen', phone: PHONE },
    ]);
    expect(await t.harness.query('SELECT count(*) AS n FROM sessions')).toEqual([{ n: 2 }]);
  });
});

describe('when something behind the API fails', () => {
  it('answers 503 + Retry-After when the SMS gateway refuses, and logs no phone or code', async () => {
    const failing = await createAuthTestApp({
      sms: {
        send: async () => {
          throw new SmsDeliveryError('SMS gateway answered 502');
        },
      },
    });
    try {
      const response = await failing.request('/api/auth/otp/request', { body: { phone: PHONE } });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(await response.json()).toMatchObject({ error: 'sms.unavailable' });
      expect(failing.logLines).toContainEqual({ event: 'sms.failed', message: 'SMS gateway answered 502' });
      expect(JSON.stringify(failing.logLines)).not.toMatch(/501234567/);
    } finally {
      await failing.dispose();
    }
  });

  it('answers 503 + Retry-After when the identity store is down, never a 500', async () => {
    await t.store.close();
    for (const [path, body] of [
      ['/api/auth/otp/request', { phone: PHONE }],
      ['/api/auth/otp/verify', { phone: PHONE, code: '123456' }],
      ['/api/auth/staff/login', { login: 'o.petrenko', password: 'whatever it is' }],
    ] as const) {
      const response = await t.request(path, { body });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ error: 'identity.unavailable' });
    }
    expect(t.logLines.filter((line) => line.event === 'identity.unavailable')).toHaveLength(3);
  });
});
