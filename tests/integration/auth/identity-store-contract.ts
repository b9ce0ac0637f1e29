import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuditEntryInput,
  type IdentityStore,
  LoginTakenError,
  type User,
} from '../../../src/server/identity-store';
import type { IdentityHarness } from './identity-harness';

const T0 = new Date('2026-03-02T08:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 24 * 60 * 60_000);
const KYIV = 'UA32000000000030281';
const LVIV = 'UA46000000000026241';
const HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5';

const systemAudit = (action: string, recordId: string | null = null): AuditEntryInput => ({
  actorUserId: null,
  actorKind: 'system',
  action,
  recordId,
  detail: null,
});

const hex = (seed: string) => seed.padEnd(64, '0');

export function describeIdentityStoreContract(
  name: string,
  createHarness: () => Promise<IdentityHarness>,
): void {
  describe(`${name} identity store contract`, () => {
    let harness: IdentityHarness;
    let store: IdentityStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = await harness.open();
    });

    afterEach(async () => {
      await harness.dispose();
    });

    async function caseworker(login = 'o.petrenko', oblasts: readonly string[] = [KYIV]): Promise<User> {
      return store.createStaffUser({ kind: 'caseworker', login, passwordHash: HASH, oblasts }, T0);
    }

    describe('migrations', () => {
      it('records their own versions in identity_schema_migrations and run once', async () => {
        await (await harness.open()).close();
        const rows = await harness.query('SELECT version FROM identity_schema_migrations ORDER BY version');
        expect(rows).toEqual([{ version: 1 }]);
      });

      it('run once when several processes open the database at the same moment', async () => {
        const more = await Promise.all([harness.open(), harness.open(), harness.open()]);
        expect(await harness.query('SELECT version FROM identity_schema_migrations')).toHaveLength(1);
        for (const other of more) await other.close();
      });

      it('share the database with the sync store without touching its schema_migrations', async () => {
        const sync = await harness.openSyncStore();
        await (await harness.open()).close();
        const sync2 = await harness.openSyncStore();
        const syncVersions = await harness.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(syncVersions.length).toBeGreaterThan(0);
        expect(await harness.query('SELECT version FROM identity_schema_migrations')).toEqual([
          { version: 1 },
        ]);
        await sync.close();
        await sync2.close();
      });
    });

    describe('users', () => {
      it('creates a citizen on first sign-in and finds the same one afterwards', async () => {
        const first = await store.findOrCreateCitizen('+380501234567', T0);
        expect(first).toMatchObject({ kind: 'citizen', phone: '+380501234567', login: null, oblasts: [] });
        expect(first.createdAt).toEqual(T0);
        const again = await store.findOrCreateCitizen('+380501234567', minutes(5));
        expect(again.userId).toBe(first.userId);
        expect(await store.findUserById(first.userId)).toEqual(first);
        expect(await store.findUserByPhone('+380501234567')).toEqual(first);
      });

      it('keeps one user per phone when sign-ins race', async () => {
        const other = await harness.open();
        const users = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            (index % 2 ? other : store).findOrCreateCitizen('+380671112233', T0),
          ),
        );
        expect(new Set(users.map((user) => user.userId)).size).toBe(1);
      });

      it('creates staff with unique logins', async () => {
        const user = await caseworker();
        expect(user).toMatchObject({ kind: 'caseworker', login: 'o.petrenko', phone: null, oblasts: [KYIV] });
        expect(user.passwordHash).toBe(HASH);
        await expect(caseworker()).rejects.toBeInstanceOf(LoginTakenError);
        expect(await store.findUserByLogin('o.petrenko')).toEqual(user);
        expect(await store.findUserByLogin('nobody')).toBeUndefined();
      });

      it('lists staff by login, without citizens', async () => {
        await caseworker('b.worker', [KYIV, LVIV]);
        await store.createStaffUser({ kind: 'admin', login: 'a.admin', passwordHash: HASH, oblasts: [] }, T0);
        await store.findOrCreateCitizen('+380501234567', T0);
        const staff = await store.listStaff();
        expect(staff.map((user) => [user.login, user.kind, user.oblasts])).toEqual([
          ['a.admin', 'admin', []],
          ['b.worker', 'caseworker', [KYIV, LVIV]],
        ]);
      });

      it('replaces a password hash', async () => {
        const user = await caseworker();
        await store.updatePasswordHash(user.userId, `${HASH}x`);
        expect((await store.findUserById(user.userId))?.passwordHash).toBe(`${HASH}x`);
      });

      it('disables a user, revokes their live sessions and audits it in one go', async () => {
        const user = await caseworker();
        await store.createSession(
          { sessionIdHash: hex('a'), userId: user.userId, deviceId: null, expiresAt: days(90) },
          T0,
        );
        expect(
          await store.disableUser(user.userId, minutes(1), systemAudit('user.disabled', user.userId)),
        ).toBe(true);
        expect((await store.findUserById(user.userId))?.disabledAt).toEqual(minutes(1));
        expect((await store.findSession(hex('a')))?.session.revokedAt).toEqual(minutes(1));
        expect(
          await store.disableUser(user.userId, minutes(2), systemAudit('user.disabled', user.userId)),
        ).toBe(false);
        expect((await store.listAudit()).map((entry) => entry.action)).toEqual(['user.disabled']);
      });
    });

    describe('sessions', () => {
      it('are found by the hash with their user, slide, and are revoked one or all at a time', async () => {
        const user = await store.findOrCreateCitizen('+380501234567', T0);
        const created = await store.createSession(
          { sessionIdHash: hex('1'), userId: user.userId, deviceId: 'device-1', expiresAt: days(90) },
          T0,
        );
        expect(created).toEqual({
          sessionIdHash: hex('1'),
          userId: user.userId,
          deviceId: 'device-1',
          createdAt: T0,
          lastSeenAt: T0,
          expiresAt: days(90),
          revokedAt: null,
        });
        expect(await store.findSession(hex('1'))).toEqual({ session: created, user });
        expect(await store.findSession(hex('2'))).toBeUndefined();

        await store.touchSession(hex('1'), days(10), days(100));
        expect((await store.findSession(hex('1')))?.session).toMatchObject({
          lastSeenAt: days(10),
          expiresAt: days(100),
        });

        await store.createSession(
          { sessionIdHash: hex('2'), userId: user.userId, deviceId: null, expiresAt: days(90) },
          T0,
        );
        await store.createSession(
          { sessionIdHash: hex('3'), userId: user.userId, deviceId: null, expiresAt: days(1) },
          T0,
        );
        await store.revokeSession(hex('1'), days(11));
        expect((await store.findSession(hex('1')))?.session.revokedAt).toEqual(days(11));
        // A revoked session does not slide back to life.
        await store.touchSession(hex('1'), days(12), days(102));
        expect((await store.findSession(hex('1')))?.session.expiresAt).toEqual(days(100));
        // Only session 2 was still live (1 revoked, 3 expired).
        expect(
          await store.revokeAllSessions(
            user.userId,
            days(12),
            systemAudit('sessions.revokedAll', user.userId),
          ),
        ).toBe(1);
        expect((await store.findSession(hex('2')))?.session.revokedAt).toEqual(days(12));
      });

      it('all end for one user at once, with one audit row, and nobody else’s', async () => {
        const owner = await store.findOrCreateCitizen('+380501234567', T0);
        const other = await store.findOrCreateCitizen('+380671112233', T0);
        for (const [seed, userId] of [
          ['p1', owner.userId],
          ['p2', owner.userId],
          ['o1', other.userId],
        ] as const) {
          await store.createSession(
            { sessionIdHash: hex(seed), userId, deviceId: null, expiresAt: days(90) },
            T0,
          );
        }
        const audit: AuditEntryInput = {
          actorUserId: owner.userId,
          actorKind: 'citizen',
          action: 'sessions.revokedAll',
          recordId: owner.userId,
          detail: null,
        };
        expect(await store.revokeAllSessions(owner.userId, minutes(5), audit)).toBe(2);
        expect((await store.findSession(hex('p1')))?.session.revokedAt).toEqual(minutes(5));
        expect((await store.findSession(hex('p2')))?.session.revokedAt).toEqual(minutes(5));
        expect((await store.findSession(hex('o1')))?.session.revokedAt).toBeNull();
        expect(await store.listAudit()).toEqual([{ ...audit, auditId: expect.any(Number), at: minutes(5) }]);

        // Asked again with nothing left to end: the request is still on record.
        expect(await store.revokeAllSessions(owner.userId, minutes(6), audit)).toBe(0);
        expect(await store.listAudit()).toHaveLength(2);
      });

      it('all stay live when the audit row cannot be written', async () => {
        const owner = await store.findOrCreateCitizen('+380501234567', T0);
        await store.createSession(
          { sessionIdHash: hex('p1'), userId: owner.userId, deviceId: null, expiresAt: days(90) },
          T0,
        );
        const unwritable = {
          ...systemAudit('sessions.revokedAll'),
          actorKind: 'nobody',
        } as unknown as AuditEntryInput;
        await expect(store.revokeAllSessions(owner.userId, minutes(5), unwritable)).rejects.toThrow();
        expect((await store.findSession(hex('p1')))?.session.revokedAt).toBeNull();
        expect(await store.listAudit()).toEqual([]);
      });
    });

    describe('one-time codes', () => {
      const phone = '+380501234567';

      it('count each attempt on the newest code and lock it at the limit', async () => {
        expect(await store.claimOtpAttempt(phone, T0, 5)).toEqual({ status: 'none' });
        await store.createOtpCode({ phone, codeHash: hex('c1'), expiresAt: minutes(5) }, T0);
        for (let attempt = 1; attempt <= 5; attempt++) {
          expect(await store.claimOtpAttempt(phone, minutes(1), 5)).toMatchObject({
            status: 'open',
            codeHash: hex('c1'),
            attempts: attempt,
          });
        }
        expect(await store.claimOtpAttempt(phone, minutes(1), 5)).toEqual({ status: 'locked' });
      });

      it('refuse an expired code and a consumed one, and only the newest code counts', async () => {
        await store.createOtpCode({ phone, codeHash: hex('c1'), expiresAt: minutes(5) }, T0);
        expect(await store.claimOtpAttempt(phone, minutes(5), 5)).toEqual({ status: 'expired' });
        await store.createOtpCode({ phone, codeHash: hex('c2'), expiresAt: minutes(11) }, minutes(6));
        const attempt = await store.claimOtpAttempt(phone, minutes(7), 5);
        expect(attempt).toMatchObject({ status: 'open', codeHash: hex('c2') });
        if (attempt.status !== 'open') throw new Error('unreachable');
        expect(await store.consumeOtpCode(attempt.otpId, minutes(7))).toBe(true);
        expect(await store.consumeOtpCode(attempt.otpId, minutes(7))).toBe(false);
        expect(await store.claimOtpAttempt(phone, minutes(8), 5)).toEqual({ status: 'consumed' });
        expect(await store.claimOtpAttempt('+380671112233', minutes(8), 5)).toEqual({ status: 'none' });
      });

      it('never allow more attempts than the limit, even in parallel from several processes', async () => {
        const other = await harness.open();
        await store.createOtpCode({ phone, codeHash: hex('c1'), expiresAt: minutes(5) }, T0);
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, index) =>
            (index % 2 ? other : store).claimOtpAttempt(phone, minutes(1), 5),
          ),
        );
        expect(results.filter((result) => result.status === 'open')).toHaveLength(5);
        expect(results.filter((result) => result.status === 'locked')).toHaveLength(7);
      });
    });

    describe('rate buckets', () => {
      it('count per key and window, across processes and in parallel', async () => {
        const other = await harness.open();
        const counts = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            (index % 2 ? other : store).hitRateBucket('otp.ip:abc', T0),
          ),
        );
        expect([...counts].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, index) => index + 1),
        );
        expect(await store.hitRateBucket('otp.ip:abc', minutes(60))).toBe(1);
        expect(await store.hitRateBucket('otp.ip:other', T0)).toBe(1);
      });
    });

    describe('invites', () => {
      it('turn a citizen into a volunteer of the oblast once, with an audit row', async () => {
        const worker = await caseworker();
        const invite = await store.createInvite(
          { inviteCodeHash: hex('i1'), createdBy: worker.userId, oblast: KYIV, expiresAt: days(3) },
          T0,
          { ...systemAudit('invite.created'), actorKind: 'caseworker', actorUserId: worker.userId },
        );
        expect(invite).toMatchObject({
          oblast: KYIV,
          createdBy: worker.userId,
          redeemedAt: null,
          expiresAt: days(3),
        });
        const citizen = await store.findOrCreateCitizen('+380501234567', T0);
        const volunteer = await store.redeemInvite(
          hex('i1'),
          citizen.userId,
          days(1),
          systemAudit('invite.redeemed'),
        );
        expect(volunteer).toMatchObject({ userId: citizen.userId, kind: 'volunteer', oblasts: [KYIV] });
        const other = await store.findOrCreateCitizen('+380671112233', T0);
        expect(
          await store.redeemInvite(hex('i1'), other.userId, days(1), systemAudit('invite.redeemed')),
        ).toBeUndefined();
        expect((await store.findUserById(other.userId))?.kind).toBe('citizen');
        expect((await store.listAudit()).map((entry) => entry.action)).toEqual([
          'invite.redeemed',
          'invite.created',
        ]);
      });

      it('refuse an expired invite, an unknown one, and a user who is not a citizen (leaving the invite unused)', async () => {
        const worker = await caseworker();
        await store.createInvite(
          { inviteCodeHash: hex('i1'), createdBy: worker.userId, oblast: KYIV, expiresAt: days(3) },
          T0,
          systemAudit('invite.created'),
        );
        const citizen = await store.findOrCreateCitizen('+380501234567', T0);
        expect(
          await store.redeemInvite(hex('i1'), citizen.userId, days(3), systemAudit('x')),
        ).toBeUndefined();
        expect(await store.redeemInvite(hex('zz'), citizen.userId, T0, systemAudit('x'))).toBeUndefined();

        await store.createInvite(
          { inviteCodeHash: hex('i2'), createdBy: worker.userId, oblast: KYIV, expiresAt: days(3) },
          T0,
          systemAudit('invite.created'),
        );
        expect(await store.redeemInvite(hex('i2'), worker.userId, T0, systemAudit('x'))).toBeUndefined();
        expect(await store.redeemInvite(hex('i2'), citizen.userId, T0, systemAudit('ok'))).toMatchObject({
          kind: 'volunteer',
        });
        expect((await store.listAudit()).map((entry) => entry.action)).toEqual([
          'ok',
          'invite.created',
          'invite.created',
        ]);
      });
    });

    describe('audit log', () => {
      it('appends and lists newest first, per record', async () => {
        await store.appendAudit({ ...systemAudit('record.read', 'r1'), detail: 'status=received' }, T0);
        await store.appendAudit(systemAudit('record.read', 'r2'), minutes(1));
        await store.appendAudit(systemAudit('record.status', 'r1'), minutes(2));
        const forR1 = await store.listAudit({ recordId: 'r1' });
        expect(forR1.map((entry) => [entry.action, entry.at, entry.detail])).toEqual([
          ['record.status', minutes(2), null],
          ['record.read', T0, 'status=received'],
        ]);
        expect(await store.listAudit({ limit: 1 })).toHaveLength(1);
      });

      it('refuses UPDATE and DELETE from any connection', async () => {
        await store.appendAudit(systemAudit('record.read', 'r1'), T0);
        await expect(harness.query("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(/append-only/);
        await expect(harness.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        if (harness.kind === 'postgres') {
          await expect(harness.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
        }
        expect((await store.listAudit()).map((entry) => entry.action)).toEqual(['record.read']);
      });
    });

    it('prunes spent codes, old counters, dead sessions and unused invites, never audit rows', async () => {
      const user = await store.findOrCreateCitizen('+380501234567', T0);
      const worker = await caseworker();
      await store.createOtpCode({ phone: '+380501234567', codeHash: hex('c'), expiresAt: minutes(5) }, T0);
      await store.hitRateBucket('k', T0);
      await store.createSession(
        { sessionIdHash: hex('s'), userId: user.userId, deviceId: null, expiresAt: days(1) },
        T0,
      );
      await store.createSession(
        { sessionIdHash: hex('t'), userId: user.userId, deviceId: null, expiresAt: days(90) },
        T0,
      );
      await store.createInvite(
        { inviteCodeHash: hex('i'), createdBy: worker.userId, oblast: KYIV, expiresAt: days(3) },
        T0,
        systemAudit('invite.created'),
      );
      expect(await store.pruneExpired(minutes(10))).toEqual({
        otpCodes: 0,
        rateBuckets: 0,
        sessions: 0,
        invites: 0,
      });
      expect(await store.pruneExpired(days(40))).toEqual({
        otpCodes: 1,
        rateBuckets: 1,
        sessions: 1,
        invites: 1,
      });
      expect(await store.findSession(hex('t'))).toBeDefined();
      expect(await store.listAudit()).toHaveLength(1);
    });
  });
}
