import type Database from 'better-sqlite3';

// Append only: a migration that has run on someone's server is never edited, only followed by another.
const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        last_mutation_id INTEGER NOT NULL CHECK (last_mutation_id >= 0)
      ) STRICT;

      -- Kept forever, not as a cache: a phone may replay a batch after months offline.
      CREATE TABLE mutations (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        mutation_id INTEGER NOT NULL,
        result TEXT NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      ) STRICT;

      CREATE TABLE records (
        record_id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        service TEXT NOT NULL,
        reference TEXT NOT NULL,
        status TEXT NOT NULL,
        data TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        accepted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- AUTOINCREMENT so a seq is never reused after deletes: cursors handed out stay meaningful.
      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        record_id TEXT NOT NULL REFERENCES records (record_id),
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        changed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX change_log_client_seq ON change_log (client_id, seq);
    `,
  },
];

export function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT',
  );
  const applied = db.prepare('SELECT version FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  // IMMEDIATE takes the write lock before reading the applied versions, so two processes opening
  // the same file at once cannot both decide to run the same migration.
  db.transaction(() => {
    const done = new Set(applied.pluck().all() as number[]);
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
