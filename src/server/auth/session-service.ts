import { randomBytes } from 'node:crypto';
import type { IdentityStore, Session, User } from '../identity-store';
import { auditEntry } from './audit';
import type { Clock } from './clock';
import { sha256Hex } from './secret-hash';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sliding: people sync after weeks offline, and a session that died meanwhile would strand their queue. */
export const SESSION_IDLE_LIFETIME_MS = 90 * DAY_MS;
/** last_seen moves at most this often, so an active session costs one write an hour, not one per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** The audit action of signing out on every device. */
export const SESSIONS_REVOKED_ALL = 'sessions.revokedAll';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface Authenticated {
  readonly user: User;
  readonly session: Session;
  /** True when this request slid the expiry, so the cookie should be sent again with the new lifetime. */
  readonly renewed: boolean;
}

export interface IssuedSession {
  /** 32 random bytes, base64url: goes into the cookie and nowhere else. */
  readonly token: string;
  readonly session: Session;
}

export interface SessionService {
  createSession(userId: string, deviceId: string | null): Promise<IssuedSession>;
  /** The live session behind a cookie token, or null (unknown, revoked, expired, or its user disabled). */
  authenticate(token: string): Promise<Authenticated | null>;
  revoke(token: string): Promise<void>;
  /** Ends every session of the user (the asking one too) and audits it as theirs; how many ended. */
  revokeAllSessions(user: Pick<User, 'userId' | 'kind'>): Promise<number>;
}

export function sessionIdHash(token: string): string {
  return sha256Hex(token);
}

export function createSessionService(store: IdentityStore, clock: Clock): SessionService {
  return {
    async createSession(userId, deviceId) {
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const session = await store.createSession(
        {
          sessionIdHash: sessionIdHash(token),
          userId,
          deviceId,
          expiresAt: new Date(now.getTime() + SESSION_IDLE_LIFETIME_MS),
        },
        now,
      );
      return { token, session };
    },

    async authenticate(token) {
      // A malformed cookie never reaches the database.
      if (!TOKEN_PATTERN.test(token)) return null;
      const found = await store.findSession(sessionIdHash(token));
      if (found === undefined) return null;
      const { session, user } = found;
      const now = clock();
      if (session.revokedAt !== null || session.expiresAt.getTime() <= now.getTime()) return null;
      if (user.disabledAt !== null) return null;
      if (now.getTime() - session.lastSeenAt.getTime() < SESSION_TOUCH_INTERVAL_MS) {
        return { user, session, renewed: false };
      }
      const expiresAt = new Date(now.getTime() + SESSION_IDLE_LIFETIME_MS);
      await store.touchSession(session.sessionIdHash, now, expiresAt);
      return { user, session: { ...session, lastSeenAt: now, expiresAt }, renewed: true };
    },

    async revoke(token) {
      if (!TOKEN_PATTERN.test(token)) return;
      await store.revokeSession(sessionIdHash(token), clock());
    },

    revokeAllSessions(user) {
      return store.revokeAllSessions(
        user.userId,
        clock(),
        auditEntry(user, SESSIONS_REVOKED_ALL, user.userId),
      );
    },
  };
}
