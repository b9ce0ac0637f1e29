import type Database from 'better-sqlite3';

// Append only: a migration that has run on someone's server is never edited, only followed by another.
// The migration table is this module's own, so the sync store's schema_migrations never sees these.
const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        user_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('citizen', 'volunteer', 'caseworker', 'admin')),
        phone TEXT,
        login TEXT,
        password_hash TEXT,
        oblasts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(oblasts) AND json_type(oblasts) = 'array'),
        created_at TEXT NOT NULL,
        disabled_at TEXT,
        -- People sign in by phone code, staff by login and password; never a mix.
        CHECK ((kind IN ('citizen', 'volunteer')) = (phone IS NOT NULL AND login IS NULL AND password_hash IS NULL)),
        CHECK ((kind IN ('caseworker', 'admin')) = (login IS NOT NULL AND password_hash IS NOT NULL AND phone IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX users_phone ON users (phone) WHERE phone IS NOT NULL;
      CREATE UNIQUE INDEX users_login ON users (login) WHERE login IS NOT NULL;

      CREATE TABLE sessions (
        session_id_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (user_id),
        device_id TEXT,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX sessions_user ON sessions (user_id);

      CREATE TABLE otp_codes (
        otp_id INTEGER PRIMARY KEY AUTOINCREMENT,
        phone TEXT NOT NULL,
        code_hash TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        consumed_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX otp_codes_phone ON otp_codes (phone, otp_id);

      CREATE TABLE rate_buckets (
        key TEXT NOT NULL,
        window_start TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (key, window_start)
      ) STRICT;

      CREATE TABLE invites (
        invite_code_hash TEXT PRIMARY KEY,
        created_by TEXT NOT NULL REFERENCES users (user_id),
        oblast TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        redeemed_by TEXT REFERENCES users (user_id),
        redeemed_at TEXT,
        CHECK ((redeemed_by IS NULL) = (redeemed_at IS NULL))
      ) STRICT;

      CREATE TABLE audit_log (
        audit_id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_user_id TEXT,
        actor_kind TEXT NOT NULL CHECK (actor_kind IN ('citizen', 'volunteer', 'caseworker', 'admin', 'system')),
        action TEXT NOT NULL,
        record_id TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_record ON audit_log (record_id, audit_id);

      -- The code has no path that changes the audit log; these make sure no one else's code does either.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
];

export const LATEST_IDENTITY_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export function migrateIdentity(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS identity_schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT',
  );
  const applied = db.prepare('SELECT version FROM identity_schema_migrations');
  const record = db.prepare('INSERT INTO identity_schema_migrations (version, applied_at) VALUES (?, ?)');
  // IMMEDIATE takes the write lock before reading the applied versions, so two processes opening
  // the same file at once cannot both run the same migration.
  db.transaction(() => {
    const done = new Set(applied.pluck().all() as number[]);
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
