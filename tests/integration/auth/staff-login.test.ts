import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsRehash } from '../../../src/server/auth';
import { type AuthTestApp, createAuthTestApp, KYIV, LVIV, STAFF_PASSWORD } from './auth-test-app';

let t: AuthTestApp;

beforeEach(async () => {
  t = await createAuthTestApp();
  await t.createStaff('o.petrenko', 'caseworker', [KYIV, LVIV]);
});

afterEach(async () => {
  await t.dispose();
});

const login = (body: unknown, ip?: string) =>
  t.request('/api/auth/staff/login', { body, ...(ip === undefined ? {} : { ip }) });

describe('POST /api/auth/staff/login', () => {
  it('signs a caseworker in with a cookie, answers kind and oblasts, and audits it', async () => {
    const response = await login({ login: 'O.Petrenko', password: STAFF_PASSWORD });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { kind: 'caseworker', oblasts: [KYIV, LVIV] } });
    expect(response.headers.get('set-cookie')).toMatch(/^lastivka_session=.*HttpOnly/);
    const [entry] = await t.store.listAudit();
    expect(entry).toMatchObject({ action: 'staff.signedIn', actorKind: 'caseworker', detail: null });
  });

  it('answers a wrong password, an unknown login and a disabled account with the same 401 body', async () => {
    await t.createStaff('disabled.one', 'admin');
    const disabled = await t.store.findUserByLogin('disabled.one');
    await t.store.disableUser(disabled!.userId, t.now(), {
      actorUserId: null,
      actorKind: 'system',
      action: 'user.disabled',
      recordId: disabled!.userId,
      detail: null,
    });
    const responses = [
      await login({ login: 'o.petrenko', password: 'wrong password here' }),
      await login({ login: 'nobody.here', password: STAFF_PASSWORD }),
      await login({ login: 'disabled.one', password: STAFF_PASSWORD }),
      await login({ login: '!!', password: STAFF_PASSWORD }),
    ];
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(responses.map((response) => response.status)).toEqual([401, 401, 401, 401]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual({
      error: 'auth.invalid',
      message: 'The login or password is not right',
    });
    for (const response of responses) expect(response.headers.get('set-cookie')).toBeNull();
    expect(await t.harness.query('SELECT * FROM sessions')).toEqual([]);
  });

  it('limits attempts per login (10 in 15 minutes) from any address', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await login({ login: 'o.petrenko', password: `wrong ${attempt}` })).status).toBe(401);
    }
    const refused = await login({ login: 'o.petrenko', password: STAFF_PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits attempts per address (30 an hour) across logins', async () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      expect((await login({ login: `guess${attempt}`, password: 'x' }, '192.0.2.9')).status).toBe(401);
    }
    expect((await login({ login: 'o.petrenko', password: STAFF_PASSWORD }, '192.0.2.9')).status).toBe(429);
  });

  it('upgrades a hash made with weaker parameters at sign-in', async () => {
    const user = await t.store.findUserByLogin('o.petrenko');
    // A hash as an older release with N = 2^14 would have made it.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync(STAFF_PASSWORD, salt, 64, { N: 2 ** 14, r: 8, p: 1 });
    const genuineWeak = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(needsRehash(genuineWeak)).toBe(true);
    await t.store.updatePasswordHash(user!.userId, genuineWeak);
    expect((await login({ login: 'o.petrenko', password: STAFF_PASSWORD })).status).toBe(200);
    const stored = (await t.store.findUserByLogin('o.petrenko'))!.passwordHash!;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(needsRehash(stored)).toBe(false);
  });

  it('refuses a body that is not {login, password} with 400', async () => {
    for (const body of [
      { login: 'o.petrenko' },
      { login: 'o.petrenko', password: 'x', admin: true },
      { login: 1, password: 2 },
    ]) {
      expect((await login(body)).status).toBe(400);
    }
  });
});
