import { randomUUID } from 'node:crypto';
import pg from 'pg';
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

export interface PostgresIdentityStoreOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
}

interface UserRow {
  user_id: string;
  kind: UserKind;
  phone: string | null;
  login: string | null;
  password_hash: string | null;
  oblasts: string[];
  created_at: Date;
  disabled_at: Date | null;
}

interface SessionRow {
  session_id_hash: string;
  user_id: string;
  device_id: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

interface InviteRow {
  invite_code_hash: string;
  created_by: string;
  oblast: string;
  created_at: Date;
  expires_at: Date;
  redeemed_by: string | null;
  redeemed_at: Date | null;
}

interface AuditRow {
  audit_id: string;
  at: Date;
  actor_user_id: string | null;
  actor_kind: AuditEntry['actorKind'];
  action: string;
  record_id: string | null;
  detail: string | null;
}

const USER_COLUMNS = 'user_id, kind, phone, login, password_hash, oblasts, created_at, disabled_at';
const SESSION_COLUMNS =
  'session_id_hash, user_id, device_id, created_at, last_seen_at, expires_at, revoked_at';
const INVITE_COLUMNS =
  'invite_code_hash, created_by, oblast, created_at, expires_at, redeemed_by, redeemed_at';

function toUser(row: UserRow): User {
  return {
    userId: row.user_id,
    kind: row.kind,
    phone: row.phone,
    login: row.login,
    passwordHash: row.password_hash,
    oblasts: row.oblasts,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

function toSession(row: SessionRow): Session {
  return {
    sessionIdHash: row.session_id_hash,
    userId: row.user_id,
    deviceId: row.device_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

function toInvite(row: InviteRow): Invite {
  return {
    inviteCodeHash: row.invite_code_hash,
    createdBy: row.created_by,
    oblast: row.oblast,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    redeemedBy: row.redeemed_by,
    redeemedAt: row.redeemed_at,
  };
}

function toAudit(row: AuditRow): AuditEntry {
  return {
    auditId: Number(row.audit_id),
    at: row.at,
    actorUserId: row.actor_user_id,
    actorKind: row.actor_kind,
    action: row.action,
    recordId: row.record_id,
    detail: row.detail,
  };
}

type Queryable = pg.Pool | pg.ClientBase;

async function insertAudit(db: Queryable, entry: AuditEntryInput, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor_user_id, actor_kind, action, record_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [now, entry.actorUserId, entry.actorKind, entry.action, entry.recordId, entry.detail],
  );
}

export async function openPostgresIdentityStore(
  options: PostgresIdentityStoreOptions,
): Promise<IdentityStore> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 5 });
  // An idle connection that dies (database restart) must not crash the process: pg drops it from
  // the pool and the next query opens a new one or fails into a 503.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrateIdentity(client);
    } finally {
      client.release();
    }
    return new PostgresIdentityStore(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

class PostgresIdentityStore implements IdentityStore {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async findOrCreateCitizen(phone: string, now: Date): Promise<User> {
    // The insert that loses a race does nothing; the select then sees the winner's row (READ
    // COMMITTED takes a new snapshot per statement).
    await this.#pool.query(
      `INSERT INTO users (user_id, kind, phone, created_at) VALUES ($1, 'citizen', $2, $3)
       ON CONFLICT (phone) WHERE phone IS NOT NULL DO NOTHING`,
      [randomUUID(), phone, now],
    );
    const user = await this.findUserByPhone(phone);
    if (user === undefined) throw new Error('citizen row vanished after insert');
    return user;
  }

  async createStaffUser(user: NewStaffUser, now: Date): Promise<User> {
    const { rows } = await this.#pool.query<UserRow>(
      `INSERT INTO users (user_id, kind, login, password_hash, oblasts, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (login) WHERE login IS NOT NULL DO NOTHING RETURNING ${USER_COLUMNS}`,
      [randomUUID(), user.kind, user.login, user.passwordHash, JSON.stringify(user.oblasts), now],
    );
    if (rows[0] === undefined) throw new LoginTakenError();
    return toUser(rows[0]);
  }

  async #userWhere(column: 'user_id' | 'login' | 'phone', value: string): Promise<User | undefined> {
    const { rows } = await this.#pool.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE ${column} = $1`,
      [value],
    );
    return rows[0] && toUser(rows[0]);
  }

  findUserById(userId: string): Promise<User | undefined> {
    return this.#userWhere('user_id', userId);
  }

  findUserByLogin(login: string): Promise<User | undefined> {
    return this.#userWhere('login', login);
  }

  findUserByPhone(phone: string): Promise<User | undefined> {
    return this.#userWhere('phone', phone);
  }

  async listStaff(): Promise<User[]> {
    const { rows } = await this.#pool.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE kind IN ('caseworker', 'admin') ORDER BY login COLLATE "C"`,
    );
    return rows.map(toUser);
  }

  async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.#pool.query(
      'UPDATE users SET password_hash = $1 WHERE user_id = $2 AND password_hash IS NOT NULL',
      [passwordHash, userId],
    );
  }

  disableUser(userId: string, now: Date, audit: AuditEntryInput): Promise<boolean> {
    return this.#transaction(async (client) => {
      const { rowCount } = await client.query(
        'UPDATE users SET disabled_at = $1 WHERE user_id = $2 AND disabled_at IS NULL',
        [now, userId],
      );
      if (rowCount === 0) return false;
      await client.query(
        'UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND expires_at > $1',
        [now, userId],
      );
      await insertAudit(client, audit, now);
      return true;
    });
  }

  async createSession(session: NewSession, now: Date): Promise<Session> {
    const { rows } = await this.#pool.query<SessionRow>(
      `INSERT INTO sessions (session_id_hash, user_id, device_id, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $4, $5) RETURNING ${SESSION_COLUMNS}`,
      [session.sessionIdHash, session.userId, session.deviceId, now, session.expiresAt],
    );
    return toSession(rows[0]!);
  }

  async findSession(sessionIdHash: string): Promise<SessionWithUser | undefined> {
    const { rows } = await this.#pool.query<SessionRow & { user: UserRow }>(
      `SELECT s.session_id_hash, s.user_id, s.device_id, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at,
              row_to_json(u) AS user
       FROM sessions s JOIN users u ON u.user_id = s.user_id WHERE s.session_id_hash = $1`,
      [sessionIdHash],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const user = row.user;
    // row_to_json turns timestamps into text; the rest of the row keeps its types.
    return {
      session: toSession(row),
      user: toUser({
        ...user,
        created_at: new Date(user.created_at),
        disabled_at: user.disabled_at === null ? null : new Date(user.disabled_at),
      }),
    };
  }

  async touchSession(sessionIdHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.#pool.query(
      'UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE session_id_hash = $3 AND revoked_at IS NULL',
      [lastSeenAt, expiresAt, sessionIdHash],
    );
  }

  async revokeSession(sessionIdHash: string, now: Date): Promise<void> {
    await this.#pool.query(
      'UPDATE sessions SET revoked_at = $1 WHERE session_id_hash = $2 AND revoked_at IS NULL',
      [now, sessionIdHash],
    );
  }

  revokeAllSessions(userId: string, now: Date, audit: AuditEntryInput): Promise<number> {
    return this.#transaction(async (client) => {
      const { rowCount } = await client.query(
        'UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND expires_at > $1',
        [now, userId],
      );
      await insertAudit(client, audit, now);
      return rowCount ?? 0;
    });
  }

  async createOtpCode(code: NewOtpCode, now: Date): Promise<void> {
    await this.#pool.query(
      'INSERT INTO otp_codes (phone, code_hash, expires_at, attempts, created_at) VALUES ($1, $2, $3, 0, $4)',
      [code.phone, code.codeHash, code.expiresAt, now],
    );
  }

  claimOtpAttempt(phone: string, now: Date, maxAttempts: number): Promise<OtpAttempt> {
    return this.#transaction(async (client): Promise<OtpAttempt> => {
      // FOR UPDATE makes parallel guesses at one code queue here, so each sees the previous count.
      const { rows } = await client.query<{
        otp_id: string;
        code_hash: string;
        expires_at: Date;
        attempts: number;
        consumed_at: Date | null;
      }>(
        `SELECT otp_id, code_hash, expires_at, attempts, consumed_at FROM otp_codes
         WHERE phone = $1 ORDER BY otp_id DESC LIMIT 1 FOR UPDATE`,
        [phone],
      );
      const row = rows[0];
      if (row === undefined) return { status: 'none' };
      if (row.consumed_at !== null) return { status: 'consumed' };
      if (row.attempts >= maxAttempts) return { status: 'locked' };
      if (row.expires_at.getTime() <= now.getTime()) return { status: 'expired' };
      await client.query('UPDATE otp_codes SET attempts = attempts + 1 WHERE otp_id = $1', [row.otp_id]);
      return {
        status: 'open',
        otpId: String(row.otp_id),
        codeHash: row.code_hash,
        attempts: row.attempts + 1,
      };
    });
  }

  async consumeOtpCode(otpId: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      'UPDATE otp_codes SET consumed_at = $1 WHERE otp_id = $2 AND consumed_at IS NULL',
      [now, otpId],
    );
    return rowCount === 1;
  }

  async hitRateBucket(key: string, windowStart: Date): Promise<number> {
    const { rows } = await this.#pool.query<{ count: number }>(
      `INSERT INTO rate_buckets (key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_buckets.count + 1 RETURNING count`,
      [key, windowStart],
    );
    return rows[0]!.count;
  }

  createInvite(invite: NewInvite, now: Date, audit: AuditEntryInput): Promise<Invite> {
    return this.#transaction(async (client) => {
      const { rows } = await client.query<InviteRow>(
        `INSERT INTO invites (invite_code_hash, created_by, oblast, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${INVITE_COLUMNS}`,
        [invite.inviteCodeHash, invite.createdBy, invite.oblast, now, invite.expiresAt],
      );
      await insertAudit(client, audit, now);
      return toInvite(rows[0]!);
    });
  }

  async redeemInvite(
    inviteCodeHash: string,
    userId: string,
    now: Date,
    audit: AuditEntryInput,
  ): Promise<User | undefined> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const invite = await client.query<{ oblast: string }>(
        `UPDATE invites SET redeemed_by = $1, redeemed_at = $2
         WHERE invite_code_hash = $3 AND redeemed_at IS NULL AND expires_at > $2 RETURNING oblast`,
        [userId, now, inviteCodeHash],
      );
      const oblast = invite.rows[0]?.oblast;
      const updated =
        oblast === undefined
          ? undefined
          : (
              await client.query<UserRow>(
                `UPDATE users SET kind = 'volunteer', oblasts = jsonb_build_array($1::text)
                 WHERE user_id = $2 AND kind = 'citizen' AND disabled_at IS NULL RETURNING ${USER_COLUMNS}`,
                [oblast, userId],
              )
            ).rows[0];
      if (updated === undefined) {
        // A user who cannot become a volunteer leaves the invite unused.
        await client.query('ROLLBACK');
        return undefined;
      }
      await insertAudit(client, audit, now);
      await client.query('COMMIT');
      return toUser(updated);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  appendAudit(entry: AuditEntryInput, now: Date): Promise<void> {
    return insertAudit(this.#pool, entry, now);
  }

  async listAudit(
    options: { readonly recordId?: string; readonly limit?: number } = {},
  ): Promise<AuditEntry[]> {
    const limit = options.limit ?? 100;
    const { rows } =
      options.recordId === undefined
        ? await this.#pool.query<AuditRow>('SELECT * FROM audit_log ORDER BY audit_id DESC LIMIT $1', [limit])
        : await this.#pool.query<AuditRow>(
            'SELECT * FROM audit_log WHERE record_id = $1 ORDER BY audit_id DESC LIMIT $2',
            [options.recordId, limit],
          );
    return rows.map(toAudit);
  }

  pruneExpired(now: Date): Promise<PruneResult> {
    const before = (ms: number) => new Date(now.getTime() - ms);
    return this.#transaction(async (client) => {
      const otp = await client.query('DELETE FROM otp_codes WHERE created_at < $1', [
        before(PRUNE_HORIZONS.otpCodesMs),
      ]);
      const buckets = await client.query('DELETE FROM rate_buckets WHERE window_start < $1', [
        before(PRUNE_HORIZONS.rateBucketsMs),
      ]);
      const sessions = await client.query('DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1', [
        before(PRUNE_HORIZONS.deadSessionsMs),
      ]);
      const invites = await client.query(
        'DELETE FROM invites WHERE redeemed_at IS NULL AND expires_at < $1',
        [before(PRUNE_HORIZONS.invitesMs)],
      );
      return {
        otpCodes: otp.rowCount ?? 0,
        rateBuckets: buckets.rowCount ?? 0,
        sessions: sessions.rowCount ?? 0,
        invites: invites.rowCount ?? 0,
      };
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
