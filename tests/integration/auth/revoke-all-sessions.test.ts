import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_TOUCH_INTERVAL_MS } from '../../../src/server/auth';
import { sessionIdHash } from '../../../src/server/auth/session-service';
import {
  BACKENDS,
  type Backend,
  countRows,
  createTestApp,
  openBackend,
  type Person,
  type TestApp,
} from '../authz/test-app';
import { submitMutation, VALID_FIELDS } from '../fixtures';
import { createAuthTestApp } from './auth-test-app';

// «Вийти на всіх пристроях»: a phone lost or taken at a checkpoint is signed out from another one.
// The real app on both databases, with sessions made through the sign-in API.

const OWNER_PHONE = '+380501230001';
const OTHER_PHONE = '+380501230002';
const REVOKE_ALL = '/api/auth/sessions/revoke-all';

const tokenOf = (person: Person) => decodeURIComponent(person.cookie.split('=')[1]!);

describe.each(BACKENDS)('signing out on every device on %s', (kind) => {
  let backend: Backend;
  let t: TestApp;

  beforeEach(async () => {
    backend = await openBackend(kind);
    t = await createTestApp(backend);
  });

  afterEach(async () => {
    await backend.dispose();
  });

  const me = (person: Person) => t.request('/api/auth/me', { cookie: person.cookie });

  it('ends both sessions of the person, this one too, and nobody else’s', async () => {
    const phone = await t.signInCitizen(OWNER_PHONE);
    const lostPhone = await t.signInCitizen(OWNER_PHONE);
    const someoneElse = await t.signInCitizen(OTHER_PHONE);
    const logFrom = t.logLines.length;

    const response = await t.request(REVOKE_ALL, { cookie: phone.cookie, body: {} });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sessionsEnded: 2 });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^lastivka_session=;.*Max-Age=0/),
    ]);

    for (const person of [phone, lostPhone]) {
      const refused = await me(person);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: 'auth.required' });
    }
    // The lost phone's next send is refused before anything is written, so its queue stays on it.
    const before = await countRows(backend);
    const push = await t.push(lostPhone, [
      submitMutation(t.nextMutationId(lostPhone), { fields: { ...VALID_FIELDS } }),
    ]);
    expect(push.status).toBe(401);
    expect(await countRows(backend)).toEqual(before);
    expect((await me(someoneElse)).status).toBe(200);

    const [audit] = await backend.identity.listAudit({ limit: 1 });
    expect(audit).toMatchObject({
      action: 'sessions.revokedAll',
      actorUserId: phone.user.userId,
      actorKind: 'citizen',
      recordId: phone.user.userId,
      detail: null,
    });

    const logged = JSON.stringify(t.logLines.slice(logFrom));
    expect(logged).toContain('/api/auth/sessions/revoke-all');
    for (const secret of [OWNER_PHONE, OWNER_PHONE.slice(4), tokenOf(phone), tokenOf(lostPhone)]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toContain(phone.user.userId);
  });

  it('lets the person sign in again afterwards, leaving the ended sessions ended', async () => {
    const phone = await t.signInCitizen(OWNER_PHONE);
    const lostPhone = await t.signInCitizen(OWNER_PHONE);
    expect((await t.request(REVOKE_ALL, { cookie: phone.cookie, body: {} })).status).toBe(200);
    const again = await t.signInCitizen(OWNER_PHONE);
    expect((await me(again)).status).toBe(200);
    expect((await me(lostPhone)).status).toBe(401);
    const revoked = await backend.identity.findSession(sessionIdHash(tokenOf(lostPhone)));
    expect(revoked?.session.revokedAt).not.toBeNull();
  });

  it('is there for staff too: a caseworker’s sessions end, audited as theirs', async () => {
    await t.createStaff('cw.revoke', 'caseworker');
    const desk = await t.signInStaff('cw.revoke');
    const laptop = await t.signInStaff('cw.revoke');
    const response = await t.request(REVOKE_ALL, { cookie: desk.cookie, body: {} });
    expect(await response.json()).toEqual({ sessionsEnded: 2 });
    expect((await me(laptop)).status).toBe(401);
    const [audit] = await backend.identity.listAudit({ limit: 1 });
    expect(audit).toMatchObject({ action: 'sessions.revokedAll', actorKind: 'caseworker' });
  });

  it('refuses without a session or without the app’s CSRF header, changing nothing', async () => {
    const phone = await t.signInCitizen(OWNER_PHONE);
    const before = await countRows(backend);
    const anonymous = await t.request(REVOKE_ALL, { body: {} });
    expect(anonymous.status).toBe(401);
    const forged = await t.request(REVOKE_ALL, {
      cookie: phone.cookie,
      body: {},
      bare: true,
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'csrf.rejected' });
    expect(await countRows(backend)).toEqual(before);
    expect(await backend.identity.listAudit()).not.toContainEqual(
      expect.objectContaining({ action: 'sessions.revokedAll' }),
    );
    expect((await me(phone)).status).toBe(200);
  });
});

describe('signing out on every device with a session that slides on that request', () => {
  it('answers one Set-Cookie, the one that clears it', async () => {
    const t = await createAuthTestApp();
    try {
      const cookie = await t.signInCitizen();
      t.advance(SESSION_TOUCH_INTERVAL_MS + 60_000);
      const response = await t.request(REVOKE_ALL, { cookie, body: {} });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([
        expect.stringMatching(/^lastivka_session=;.*Max-Age=0/),
      ]);
    } finally {
      await t.dispose();
    }
  });

  it('answers 503 when the audit row cannot be written, and every session stays as it was', async () => {
    const t = await createAuthTestApp();
    try {
      const phone = await t.signInCitizen();
      const laptop = await t.signInCitizen();
      await t.harness.query(
        `CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log WHEN NEW.action = 'sessions.revokedAll'
         BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );
      const response = await t.request(REVOKE_ALL, { cookie: phone, body: {} });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: 'identity.unavailable' });
      expect(response.headers.getSetCookie()).toEqual([]);
      for (const cookie of [phone, laptop]) {
        expect((await t.request('/api/auth/me', { cookie })).status).toBe(200);
      }
      expect(JSON.stringify(t.logLines)).not.toContain('disk full');
    } finally {
      await t.dispose();
    }
  });
});
