import type pg from 'pg';

// Arbitrary but fixed: every Lastivka process uses it to take turns at migrating the same database.
const MIGRATION_LOCK_KEY = 7_350_010_001;

// Append only: a migration that has run on someone's server is never edited, only followed by another.
const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE clients (
        client_id text PRIMARY KEY,
        last_mutation_id bigint NOT NULL CHECK (last_mutation_id >= 0)
      );

      -- Kept forever, not as a cache: a phone may replay a batch after months offline.
      CREATE TABLE mutations (
        client_id text NOT NULL REFERENCES clients (client_id),
        mutation_id bigint NOT NULL,
        result jsonb NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      );

      -- captured_at is the device's claim, kept verbatim as text; the server's own times are timestamptz.
      CREATE TABLE records (
        record_id text PRIMARY KEY,
        client_id text NOT NULL REFERENCES clients (client_id),
        service text NOT NULL,
        reference text NOT NULL,
        status text NOT NULL,
        data jsonb NOT NULL,
        captured_at text NOT NULL,
        accepted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );

      -- txid is what makes pulls gap-free across processes (see PostgresStore.pull).
      CREATE TABLE change_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        record_id text NOT NULL REFERENCES records (record_id),
        client_id text NOT NULL REFERENCES clients (client_id),
        changed_at timestamptz NOT NULL
      );
      CREATE INDEX change_log_client_txid_seq ON change_log (client_id, txid, seq);
    `,
  },
];

/** Runs pending migrations in one transaction; the advisory lock makes concurrent starts wait, not race. */
export async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
