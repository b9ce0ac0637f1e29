import type { IdentityStore, User } from '../identity-store';
import { auditEntry } from './audit';
import { InvalidCredentialsError } from './auth-errors';
import type { AuthLimits } from './auth-limits';
import type { Clock } from './clock';
import { dummyVerifyPassword, hashPassword, needsRehash, verifyPassword } from './password-hash';
import type { RateLimiter } from './rate-limiter';
import type { IssuedSession, SessionService } from './session-service';

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/;

/** Logins compare case-insensitively: `O.Petrenko` and `o.petrenko` are one person. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export interface StaffSignIn extends IssuedSession {
  readonly user: User;
}

export interface StaffLoginService {
  /** Throws InvalidCredentialsError (unknown login, wrong password, disabled) or RateLimitedError. */
  signIn(login: string, password: string, ip: string, deviceId: string | null): Promise<StaffSignIn>;
}

export function createStaffLoginService(deps: {
  readonly store: IdentityStore;
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly sessions: SessionService;
  readonly limits: AuthLimits;
}): StaffLoginService {
  const { store, clock, limiter, sessions, limits } = deps;
  return {
    async signIn(rawLogin, password, ip, deviceId) {
      const login = normalizeLogin(rawLogin);
      await limiter.hit([
        { name: 'staff.login', subject: login, ...limits.staffLoginPerLogin },
        { name: 'staff.ip', subject: ip, ...limits.staffLoginPerIp },
      ]);
      const user = LOGIN_PATTERN.test(login) ? await store.findUserByLogin(login) : undefined;
      // Every path runs scrypt once, so unknown and known logins take the same time.
      const matches =
        user?.passwordHash == null
          ? await dummyVerifyPassword(password)
          : await verifyPassword(password, user.passwordHash);
      if (user === undefined || !matches || user.disabledAt !== null) throw new InvalidCredentialsError();

      if (user.passwordHash !== null && needsRehash(user.passwordHash)) {
        await store.updatePasswordHash(user.userId, await hashPassword(password));
      }
      const issued = await sessions.createSession(user.userId, deviceId);
      await store.appendAudit(auditEntry(user, 'staff.signedIn', user.userId), clock());
      return { ...issued, user };
    },
  };
}
