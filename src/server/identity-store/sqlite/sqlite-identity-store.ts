import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  type AuditEntry,
  type AuditEntryInput,
  type IdentityStore,
  type Invite,
  LoginTakenError,
  type NewInvite,
  type NewOtpCode,
  type NewSession,
  type NewStaffUser,
  type OtpAttempt,
  type PruneResult,
  type Session,
  type SessionWithUser,
  type User,
  type UserKind,
} from '../identity-store';
import { PRUNE_HORIZONS } from '../prune-horizons';
import { migrateIdentity } from './identity-migrations';

/** The same file as the sync store: one database to back up, with separate tables. */
export const IDENTITY_SQLITE_FILE_NAME = 'lastivka.sqlite';

interface UserRow {
  user_id: string;
  kind: UserKind;
  phone: string | null;
  login: string | null;
  password_hash: string | null;
  oblasts: string;
  created_at: string;
  disabled_at: string | null;
}

interface SessionRow {
  session_id_hash: string;
  user_id: string;
  device_id: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

interface OtpRow {
  otp_id: number;
  code_hash: string;
  expires_at: string;
  attempts: number;
  consumed_at: string | null;
}

interface InviteRow {
  invite_code_hash: string;
  created_by: string;
  oblast: string;
  created_at: string;
  expires_at: string;
  redeemed_by: string | null;
  redeemed_at: string | null;
}

interface AuditRow {
  audit_id: number;
  at: string;
  actor_user_id: string | null;
  actor_kind: AuditEntry['actorKind'];
  action: string;
  record_id: string | null;
  detail: string | null;
}

const iso = (date: Date) => date.toISOString();
const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

function toUser(row: UserRow): User {
  return {
    userId: row.user_id,
    kind: row.kind,
    phone: row.phone,
    login: row.login,
    passwordHash: row.password_hash,
    oblasts: JSON.parse(row.oblasts) as string[],
    createdAt: new Date(row.created_at),
    disabledAt: dateOrNull(row.disabled_at),
  };
}

function toSession(row: SessionRow): Session {
  return {
    sessionIdHash: row.session_id_hash,
    userId: row.user_id,
    deviceId: row.device_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: dateOrNull(row.revoked_at),
  };
}

function toInvite(row: InviteRow): Invite {
  return {
    inviteCodeHash: row.invite_code_hash,
    createdBy: row.created_by,
    oblast: row.oblast,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    redeemedBy: row.redeemed_by,
    redeemedAt: dateOrNull(row.redeemed_at),
  };
}

function toAudit(row: AuditRow): AuditEntry {
  return {
    auditId: row.audit_id,
    at: new Date(row.at),
    actorUserId: row.actor_user_id,
    actorKind: row.actor_kind,
    action: row.action,
    recordId: row.record_id,
    detail: row.detail,
  };
}

export async function openSqliteIdentityStore(
  dataDir: string,
  fileName = IDENTITY_SQLITE_FILE_NAME,
): Promise<IdentityStore> {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  try {
    // The same settings as the sync store on the same file: WAL so readers never wait for a
    // writer, FULL so an issued session or a counted attempt survives a power cut.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateIdentity(db);
    return new SqliteIdentityStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function prepare(db: Database.Database) {
  return {
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE user_id = ?'),
    userByLogin: db.prepare<[string], UserRow>('SELECT * FROM users WHERE login = ?'),
    userByPhone: db.prepare<[string], UserRow>('SELECT * FROM users WHERE phone = ?'),
    staff: db.prepare<[], UserRow>(
      "SELECT * FROM users WHERE kind IN ('caseworker', 'admin') ORDER BY login",
    ),
    insertCitizen: db.prepare(
      `INSERT INTO users (user_id, kind, phone, oblasts, created_at) VALUES (?, 'citizen', ?, '[]', ?)
       ON CONFLICT (phone) WHERE phone IS NOT NULL DO NOTHING`,
    ),
    insertStaff: db.prepare(
      `INSERT INTO users (user_id, kind, login, password_hash, oblasts, created_at)
       VALUES (@userId, @kind, @login, @passwordHash, @oblasts, @now)
       ON CONFLICT (login) WHERE login IS NOT NULL DO NOTHING`,
    ),
    setPassword: db.prepare(
      'UPDATE users SET password_hash = ? WHERE user_id = ? AND password_hash IS NOT NULL',
    ),
    disable: db.prepare('UPDATE users SET disabled_at = ? WHERE user_id = ? AND disabled_at IS NULL'),
    makeVolunteer: db.prepare(
      `UPDATE users SET kind = 'volunteer', oblasts = json_array(?)
       WHERE user_id = ? AND kind = 'citizen' AND disabled_at IS NULL`,
    ),
    insertSession: db.prepare(
      `INSERT INTO sessions (session_id_hash, user_id, device_id, created_at, last_seen_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE session_id_hash = ?'),
    touchSession: db.prepare(
      'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE session_id_hash = ? AND revoked_at IS NULL',
    ),
    revokeSession: db.prepare(
      'UPDATE sessions SET revoked_at = ? WHERE session_id_hash = ? AND revoked_at IS NULL',
    ),
    revokeAll: db.prepare(
      'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?',
    ),
    insertOtp: db.prepare(
      'INSERT INTO otp_codes (phone, code_hash, expires_at, attempts, created_at) VALUES (?, ?, ?, 0, ?)',
    ),
    latestOtp: db.prepare<[string], OtpRow>(
      'SELECT otp_id, code_hash, expires_at, attempts, consumed_at FROM otp_codes WHERE phone = ? ORDER BY otp_id DESC LIMIT 1',
    ),
    countAttempt: db.prepare('UPDATE otp_codes SET attempts = attempts + 1 WHERE otp_id = ?'),
    consumeOtp: db.prepare('UPDATE otp_codes SET consumed_at = ? WHERE otp_id = ? AND consumed_at IS NULL'),
    hitBucket: db
      .prepare(
        `INSERT INTO rate_buckets (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      )
      .pluck(),
    insertInvite: db.prepare(
      'INSERT INTO invites (invite_code_hash, created_by, oblast, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    invite: db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE invite_code_hash = ?'),
    redeemInvite: db
      .prepare(
        `UPDATE invites SET redeemed_by = ?, redeemed_at = ?
         WHERE invite_code_hash = ? AND redeemed_at IS NULL AND expires_at > ? RETURNING oblast`,
      )
      .pluck(),
    insertAudit: db.prepare(
      `INSERT INTO audit_log (at, actor_user_id, actor_kind, action, record_id, detail)
       VALUES (@at, @actorUserId, @actorKind, @action, @recordId, @detail)`,
    ),
    auditAll: db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY audit_id DESC LIMIT ?'),
    auditForRecord: db.prepare<[string, number], AuditRow>(
      'SELECT * FROM audit_log WHERE record_id = ? ORDER BY audit_id DESC LIMIT ?',
    ),
    pruneOtp: db.prepare('DELETE FROM otp_codes WHERE created_at < ?'),
    pruneBuckets: db.prepare('DELETE FROM rate_buckets WHERE window_start < ?'),
    pruneSessions: db.prepare('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?'),
    pruneInvites: db.prepare('DELETE FROM invites WHERE redeemed_at IS NULL AND expires_at < ?'),
  };
}

class SqliteIdentityStore implements IdentityStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #sql: ReturnType<typeof prepare>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = prepare(db);
  }

  #audit(entry: AuditEntryInput, now: Date): void {
    this.#sql.insertAudit.run({ ...entry, at: iso(now) });
  }

  async findOrCreateCitizen(phone: string, now: Date): Promise<User> {
    return this.#db
      .transaction(() => {
        this.#sql.insertCitizen.run(randomUUID(), phone, iso(now));
        return toUser(this.#sql.userByPhone.get(phone)!);
      })
      .immediate();
  }

  async createStaffUser(user: NewStaffUser, now: Date): Promise<User> {
    const userId = randomUUID();
    const { changes } = this.#sql.insertStaff.run({
      userId,
      kind: user.kind,
      login: user.login,
      passwordHash: user.passwordHash,
      oblasts: JSON.stringify(user.oblasts),
      now: iso(now),
    });
    if (changes === 0) throw new LoginTakenError();
    return toUser(this.#sql.userById.get(userId)!);
  }

  async findUserById(userId: string): Promise<User | undefined> {
    const row = this.#sql.userById.get(userId);
    return row && toUser(row);
  }

  async findUserByLogin(login: string): Promise<User | undefined> {
    const row = this.#sql.userByLogin.get(login);
    return row && toUser(row);
  }

  async findUserByPhone(phone: string): Promise<User | undefined> {
    const row = this.#sql.userByPhone.get(phone);
    return row && toUser(row);
  }

  async listStaff(): Promise<User[]> {
    return this.#sql.staff.all().map(toUser);
  }

  async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
    this.#sql.setPassword.run(passwordHash, userId);
  }

  async disableUser(userId: string, now: Date, audit: AuditEntryInput): Promise<boolean> {
    return this.#db
      .transaction(() => {
        if (this.#sql.disable.run(iso(now), userId).changes === 0) return false;
        this.#sql.revokeAll.run(iso(now), userId, iso(now));
        this.#audit(audit, now);
        return true;
      })
      .immediate();
  }

  async createSession(session: NewSession, now: Date): Promise<Session> {
    this.#sql.insertSession.run(
      session.sessionIdHash,
      session.userId,
      session.deviceId,
      iso(now),
      iso(now),
      iso(session.expiresAt),
    );
    return toSession(this.#sql.session.get(session.sessionIdHash)!);
  }

  async findSession(sessionIdHash: string): Promise<SessionWithUser | undefined> {
    const row = this.#sql.session.get(sessionIdHash);
    if (row === undefined) return undefined;
    const user = this.#sql.userById.get(row.user_id);
    return user && { session: toSession(row), user: toUser(user) };
  }

  async touchSession(sessionIdHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    this.#sql.touchSession.run(iso(lastSeenAt), iso(expiresAt), sessionIdHash);
  }

  async revokeSession(sessionIdHash: string, now: Date): Promise<void> {
    this.#sql.revokeSession.run(iso(now), sessionIdHash);
  }

  async revokeAllSessions(userId: string, now: Date, audit: AuditEntryInput): Promise<number> {
    return this.#db
      .transaction(() => {
        const revoked = this.#sql.revokeAll.run(iso(now), userId, iso(now)).changes;
        this.#audit(audit, now);
        return revoked;
      })
      .immediate();
  }

  async createOtpCode(code: NewOtpCode, now: Date): Promise<void> {
    this.#sql.insertOtp.run(code.phone, code.codeHash, iso(code.expiresAt), iso(now));
  }

  async claimOtpAttempt(phone: string, now: Date, maxAttempts: number): Promise<OtpAttempt> {
    return this.#db
      .transaction((): OtpAttempt => {
        const row = this.#sql.latestOtp.get(phone);
        if (row === undefined) return { status: 'none' };
        if (row.consumed_at !== null) return { status: 'consumed' };
        if (row.attempts >= maxAttempts) return { status: 'locked' };
        if (row.expires_at <= iso(now)) return { status: 'expired' };
        this.#sql.countAttempt.run(row.otp_id);
        return {
          status: 'open',
          otpId: String(row.otp_id),
          codeHash: row.code_hash,
          attempts: row.attempts + 1,
        };
      })
      .immediate();
  }

  async consumeOtpCode(otpId: string, now: Date): Promise<boolean> {
    return this.#sql.consumeOtp.run(iso(now), Number(otpId)).changes === 1;
  }

  async hitRateBucket(key: string, windowStart: Date): Promise<number> {
    return this.#sql.hitBucket.get(key, iso(windowStart)) as number;
  }

  async createInvite(invite: NewInvite, now: Date, audit: AuditEntryInput): Promise<Invite> {
    return this.#db
      .transaction(() => {
        this.#sql.insertInvite.run(
          invite.inviteCodeHash,
          invite.createdBy,
          invite.oblast,
          iso(now),
          iso(invite.expiresAt),
        );
        this.#audit(audit, now);
        return toInvite(this.#sql.invite.get(invite.inviteCodeHash)!);
      })
      .immediate();
  }

  async redeemInvite(
    inviteCodeHash: string,
    userId: string,
    now: Date,
    audit: AuditEntryInput,
  ): Promise<User | undefined> {
    const run = this.#db.transaction((): User | undefined => {
      const oblast = this.#sql.redeemInvite.get(userId, iso(now), inviteCodeHash, iso(now)) as
        | string
        | undefined;
      if (oblast === undefined) return undefined;
      if (this.#sql.makeVolunteer.run(oblast, userId).changes === 0) throw new NotEligible();
      this.#audit(audit, now);
      return toUser(this.#sql.userById.get(userId)!);
    });
    try {
      return run.immediate();
    } catch (error) {
      // Throwing rolls back the invite's redemption: a user who cannot become a volunteer leaves it unused.
      if (error instanceof NotEligible) return undefined;
      throw error;
    }
  }

  async appendAudit(entry: AuditEntryInput, now: Date): Promise<void> {
    this.#audit(entry, now);
  }

  async listAudit(
    options: { readonly recordId?: string; readonly limit?: number } = {},
  ): Promise<AuditEntry[]> {
    const limit = options.limit ?? 100;
    const rows =
      options.recordId === undefined
        ? this.#sql.auditAll.all(limit)
        : this.#sql.auditForRecord.all(options.recordId, limit);
    return rows.map(toAudit);
  }

  async pruneExpired(now: Date): Promise<PruneResult> {
    const before = (ms: number) => iso(new Date(now.getTime() - ms));
    return this.#db
      .transaction(() => ({
        otpCodes: this.#sql.pruneOtp.run(before(PRUNE_HORIZONS.otpCodesMs)).changes,
        rateBuckets: this.#sql.pruneBuckets.run(before(PRUNE_HORIZONS.rateBucketsMs)).changes,
        sessions: this.#sql.pruneSessions.run(
          before(PRUNE_HORIZONS.deadSessionsMs),
          before(PRUNE_HORIZONS.deadSessionsMs),
        ).changes,
        invites: this.#sql.pruneInvites.run(before(PRUNE_HORIZONS.invitesMs)).changes,
      }))
      .immediate();
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

class NotEligible extends Error {}
