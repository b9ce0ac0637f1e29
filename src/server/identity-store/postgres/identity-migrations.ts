import type pg from 'pg';

// Arbitrary but fixed, and different from the sync store's key: every Lastivka process uses it to
// take turns at migrating the identity tables of the same database.
const IDENTITY_MIGRATION_LOCK_KEY = 7_350_010_002;

// Append only: a migration that has run on someone's server is never edited, only followed by another.
const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        user_id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('citizen', 'volunteer', 'caseworker', 'admin')),
        phone text,
        login text,
        password_hash text,
        oblasts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(oblasts) = 'array'),
        created_at timestamptz NOT NULL,
        disabled_at timestamptz,
        -- People sign in by phone code, staff by login and password; never a mix.
        CHECK ((kind IN ('citizen', 'volunteer')) = (phone IS NOT NULL AND login IS NULL AND password_hash IS NULL)),
        CHECK ((kind IN ('caseworker', 'admin')) = (login IS NOT NULL AND password_hash IS NOT NULL AND phone IS NULL))
      );
      CREATE UNIQUE INDEX users_phone ON users (phone) WHERE phone IS NOT NULL;
      CREATE UNIQUE INDEX users_login ON users (login) WHERE login IS NOT NULL;

      CREATE TABLE sessions (
        session_id_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (user_id),
        device_id text,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX sessions_user ON sessions (user_id);

      CREATE TABLE otp_codes (
        otp_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        phone text NOT NULL,
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        consumed_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX otp_codes_phone ON otp_codes (phone, otp_id);

      CREATE TABLE rate_buckets (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL CHECK (count >= 0),
        PRIMARY KEY (key, window_start)
      );

      CREATE TABLE invites (
        invite_code_hash text PRIMARY KEY,
        created_by text NOT NULL REFERENCES users (user_id),
        oblast text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        redeemed_by text REFERENCES users (user_id),
        redeemed_at timestamptz,
        CHECK ((redeemed_by IS NULL) = (redeemed_at IS NULL))
      );

      CREATE TABLE audit_log (
        audit_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_user_id text,
        actor_kind text NOT NULL CHECK (actor_kind IN ('citizen', 'volunteer', 'caseworker', 'admin', 'system')),
        action text NOT NULL,
        record_id text,
        detail text
      );
      CREATE INDEX audit_log_record ON audit_log (record_id, audit_id);

      -- The code has no path that changes the audit log; the triggers make sure no one else's code
      -- does either, whatever the role's privileges (the table owner cannot be denied UPDATE for good).
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
    `,
  },
];

export const LATEST_IDENTITY_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export async function migrateIdentity(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS identity_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM identity_schema_migrations',
    );
    const done = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO identity_schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
