/**
 * Who may sign in and how: users, sessions, one-time codes, rate counters, invites and the audit
 * log. Kept apart from the sync store (own tables, own migration table) so the two can change
 * independently; both live in the same database.
 */

export const USER_KINDS = ['citizen', 'volunteer', 'caseworker', 'admin'] as const;
export type UserKind = (typeof USER_KINDS)[number];
export type StaffKind = Extract<UserKind, 'caseworker' | 'admin'>;
/** Who did something in the audit log: a user's kind, or `system` for the admin CLI and housekeeping. */
export type ActorKind = UserKind | 'system';

export interface User {
  readonly userId: string;
  readonly kind: UserKind;
  /** E.164; set for citizens and volunteers, who sign in with a code sent to it. */
  readonly phone: string | null;
  /** Set for caseworkers and admins, who sign in with a password. */
  readonly login: string | null;
  /** `scrypt$N$r$p$salt$hash`; staff only. */
  readonly passwordHash: string | null;
  /** KATOTTH oblast codes: a caseworker's scope, a volunteer's single oblast; empty otherwise. */
  readonly oblasts: readonly string[];
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

export interface Session {
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  readonly sessionIdHash: string;
  readonly userId: string;
  readonly deviceId: string | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface SessionWithUser {
  readonly session: Session;
  readonly user: User;
}

export interface NewStaffUser {
  readonly kind: StaffKind;
  readonly login: string;
  readonly passwordHash: string;
  readonly oblasts: readonly string[];
}

export interface NewSession {
  readonly sessionIdHash: string;
  readonly userId: string;
  readonly deviceId: string | null;
  readonly expiresAt: Date;
}

export interface NewOtpCode {
  readonly phone: string;
  /** HMAC-SHA256(server secret, phone + code), hex. */
  readonly codeHash: string;
  readonly expiresAt: Date;
}

/**
 * The outcome of spending one attempt on the newest code sent to a phone. Only the newest code
 * counts: requesting another one retires the previous code.
 */
export type OtpAttempt =
  | { readonly status: 'none' | 'expired' | 'consumed' | 'locked' }
  | { readonly status: 'open'; readonly otpId: string; readonly codeHash: string; readonly attempts: number };

export interface NewInvite {
  /** HMAC-SHA256(server secret, normalised code), hex. */
  readonly inviteCodeHash: string;
  readonly createdBy: string;
  readonly oblast: string;
  readonly expiresAt: Date;
}

export interface Invite {
  readonly inviteCodeHash: string;
  readonly createdBy: string;
  readonly oblast: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly redeemedBy: string | null;
  readonly redeemedAt: Date | null;
}

export interface AuditEntryInput {
  readonly actorUserId: string | null;
  readonly actorKind: ActorKind;
  /** A dotted name such as `invite.redeemed`. */
  readonly action: string;
  /** The id of what was acted on: a record, a user or an invite; null when nothing in particular. */
  readonly recordId: string | null;
  /** Free text without personal data (ids and codes of oblasts are fine; names and phones are not). */
  readonly detail: string | null;
}

export interface AuditEntry extends AuditEntryInput {
  readonly auditId: number;
  readonly at: Date;
}

export interface PruneResult {
  readonly otpCodes: number;
  readonly rateBuckets: number;
  readonly sessions: number;
  readonly invites: number;
}

export class LoginTakenError extends Error {
  override readonly name = 'LoginTakenError';
  constructor() {
    super('A staff account with this login exists already');
  }
}

export interface IdentityStore {
  readonly kind: 'sqlite' | 'postgres';

  /** The citizen (or volunteer) with this phone, created as a citizen if there is none; one row per phone even under races. */
  findOrCreateCitizen(phone: string, now: Date): Promise<User>;
  /** Throws LoginTakenError when the login is in use. */
  createStaffUser(user: NewStaffUser, now: Date): Promise<User>;
  findUserById(userId: string): Promise<User | undefined>;
  findUserByLogin(login: string): Promise<User | undefined>;
  findUserByPhone(phone: string): Promise<User | undefined>;
  listStaff(): Promise<User[]>;
  updatePasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Marks the user disabled and revokes every session, in one transaction; false if no such (enabled) user. */
  disableUser(userId: string, now: Date, audit: AuditEntryInput): Promise<boolean>;

  createSession(session: NewSession, now: Date): Promise<Session>;
  /** The session and its user, whatever their state: callers decide about expiry, revocation and disabled users. */
  findSession(sessionIdHash: string): Promise<SessionWithUser | undefined>;
  /** Slides the expiry; only an unrevoked session moves. */
  touchSession(sessionIdHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  revokeSession(sessionIdHash: string, now: Date): Promise<void>;
  /**
   * Ends every live session of the user and writes the audit row, in one transaction (a lost or
   * taken phone is signed out everywhere, or nothing changed); returns how many sessions ended.
   */
  revokeAllSessions(userId: string, now: Date, audit: AuditEntryInput): Promise<number>;

  createOtpCode(code: NewOtpCode, now: Date): Promise<void>;
  /**
   * Looks at the newest code for the phone and, when it can still be tried, counts one attempt
   * against it in the same transaction (so parallel guesses cannot exceed `maxAttempts`).
   */
  claimOtpAttempt(phone: string, now: Date, maxAttempts: number): Promise<OtpAttempt>;
  /** Marks the code used; false when another request used it first. */
  consumeOtpCode(otpId: string, now: Date): Promise<boolean>;

  /** Adds one to the counter of `key` in the window starting at `windowStart` and returns the new count; atomic across processes. */
  hitRateBucket(key: string, windowStart: Date): Promise<number>;

  createInvite(invite: NewInvite, now: Date, audit: AuditEntryInput): Promise<Invite>;
  /**
   * Redeems an unexpired, unused invite for a citizen: the invite is marked, the user becomes a
   * volunteer of the invite's oblast and the audit row is written, all or nothing. Undefined when
   * the invite or the user does not qualify.
   */
  redeemInvite(
    inviteCodeHash: string,
    userId: string,
    now: Date,
    audit: AuditEntryInput,
  ): Promise<User | undefined>;

  /** Append only: there is no method that changes or removes an audit row, and the database refuses it too. */
  appendAudit(entry: AuditEntryInput, now: Date): Promise<void>;
  listAudit(options?: { readonly recordId?: string; readonly limit?: number }): Promise<AuditEntry[]>;

  /** Deletes spent codes, old counters and long-dead sessions and invites; never audit rows. */
  pruneExpired(now: Date): Promise<PruneResult>;

  close(): Promise<void>;
}
