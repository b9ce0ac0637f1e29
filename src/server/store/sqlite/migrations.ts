import type Database from 'better-sqlite3';
import { recordOblast } from '../decisions/record-oblast';

interface Migration {
  readonly version: number;
  readonly sql: string;
  /** Runs after `sql`, in the same transaction, for what SQL alone should not decide. */
  readonly backfill?: (db: Database.Database) => void;
}

// Append only: a migration that has run on someone's server is never edited, only followed by another.
const MIGRATIONS: readonly Migration[] = [
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
  {
    // Protocol 2: records become flat field maps merged field by field, with conflicts, amendments
    // and a timeline. A v1 record keeps its data as fields (plus the status path the merge guards),
    // starts at version 1 with a 'delivered' event, and is announced again in the change log so
    // every phone pulls its full v2 snapshot.
    version: 2,
    sql: `
      ALTER TABLE records ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE records ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
      UPDATE records SET fields = json_set(data, '$.status', status);
      ALTER TABLE records DROP COLUMN data;

      -- base, server, client and value are JSON (a field value may be null, a number or a list).
      CREATE TABLE conflicts (
        conflict_id TEXT PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES records (record_id),
        path TEXT NOT NULL,
        base TEXT NOT NULL,
        server TEXT NOT NULL,
        client TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT CHECK (resolution IN ('server', 'client', 'superseded')),
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      ) STRICT;
      CREATE INDEX conflicts_record ON conflicts (record_id);

      CREATE TABLE amendments (
        amendment_id TEXT PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES records (record_id),
        path TEXT NOT NULL,
        value TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined')),
        created_at TEXT NOT NULL,
        decided_at TEXT,
        CHECK ((state = 'pending') = (decided_at IS NULL))
      ) STRICT;
      CREATE INDEX amendments_record ON amendments (record_id);

      CREATE TABLE record_events (
        event_id INTEGER PRIMARY KEY AUTOINCREMENT,
        record_id TEXT NOT NULL REFERENCES records (record_id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL
          CHECK (kind IN ('delivered', 'status', 'infoRequest', 'answer', 'correction', 'conflict', 'amendment')),
        detail TEXT
      ) STRICT;
      CREATE INDEX record_events_record ON record_events (record_id, event_id);

      INSERT INTO record_events (record_id, at, kind)
        SELECT record_id, accepted_at, 'delivered' FROM records ORDER BY accepted_at, record_id;
      INSERT INTO change_log (record_id, client_id, changed_at)
        SELECT record_id, client_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM records ORDER BY accepted_at, record_id;
      -- Stored v1 answers gain the version a v2 client reads, so a replay after the upgrade parses.
      UPDATE mutations SET result = json_set(result, '$.version', 1)
        WHERE json_extract(result, '$.status') = 'applied';
    `,
  },
  {
    // People, roles and office queues. A client id is bound to the person who first pushes from it
    // (clients.user_id, null only for clients from before sign-in, until they push again); a record is
    // owned by that person (owner_user_id) and the change log names them, so every device of theirs
    // pulls it. records.oblast is the office the record belongs to (decisions/record-oblast.ts),
    // records.assigned_to the caseworker who took it.
    version: 3,
    sql: `
      ALTER TABLE clients ADD COLUMN user_id TEXT;
      ALTER TABLE records ADD COLUMN owner_user_id TEXT;
      ALTER TABLE records ADD COLUMN oblast TEXT;
      ALTER TABLE records ADD COLUMN assigned_to TEXT;
      ALTER TABLE change_log ADD COLUMN user_id TEXT;
      UPDATE records SET owner_user_id = (SELECT c.user_id FROM clients c WHERE c.client_id = records.client_id);
      UPDATE change_log SET user_id = (SELECT c.user_id FROM clients c WHERE c.client_id = change_log.client_id);

      -- A client is created bound, every later write keeps it bound, and a binding never changes.
      CREATE TRIGGER clients_user_required BEFORE INSERT ON clients WHEN NEW.user_id IS NULL
        BEGIN SELECT RAISE(ABORT, 'clients.user_id is required'); END;
      CREATE TRIGGER clients_user_kept BEFORE UPDATE ON clients
        WHEN NEW.user_id IS NULL OR (OLD.user_id IS NOT NULL AND NEW.user_id IS NOT OLD.user_id)
        BEGIN SELECT RAISE(ABORT, 'clients.user_id never changes once bound'); END;
      -- A record is created owned; an old record is adopted once and keeps its owner.
      CREATE TRIGGER records_owner_required BEFORE INSERT ON records WHEN NEW.owner_user_id IS NULL
        BEGIN SELECT RAISE(ABORT, 'records.owner_user_id is required'); END;
      CREATE TRIGGER records_owner_kept BEFORE UPDATE OF owner_user_id ON records
        WHEN OLD.owner_user_id IS NOT NULL AND NEW.owner_user_id IS NOT OLD.owner_user_id
        BEGIN SELECT RAISE(ABORT, 'records.owner_user_id never changes once set'); END;

      -- Pulls are per person now; the per-client index has no reader left.
      DROP INDEX change_log_client_seq;
      CREATE INDEX change_log_user_seq ON change_log (user_id, seq);
      CREATE INDEX records_unadopted ON records (client_id) WHERE owner_user_id IS NULL;
      -- The office queue: newest first, keyset-paginated on (accepted_at, record_id).
      CREATE INDEX records_queue ON records (accepted_at DESC, record_id DESC);
      CREATE INDEX records_queue_oblast ON records (oblast, accepted_at DESC, record_id DESC);
      CREATE INDEX records_queue_oblast_status ON records (oblast, status, accepted_at DESC, record_id DESC);
    `,
    backfill: backfillOblasts,
  },
];

/** Every record's oblast from its fields, by the same rule new writes use, a chunk at a time. */
function backfillOblasts(db: Database.Database): void {
  const chunk = db.prepare(
    'SELECT record_id, service, fields FROM records WHERE record_id > ? ORDER BY record_id LIMIT 500',
  );
  const update = db.prepare('UPDATE records SET oblast = ? WHERE record_id = ?');
  let after = '';
  for (;;) {
    const rows = chunk.all(after) as { record_id: string; service: string; fields: string }[];
    for (const row of rows) update.run(recordOblast(row.service, JSON.parse(row.fields)), row.record_id);
    const last = rows.at(-1);
    if (last === undefined) return;
    after = last.record_id;
  }
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** `upTo` exists for upgrade tests, which build an older database first. */
export function migrate(db: Database.Database, upTo = LATEST_SCHEMA_VERSION): void {
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
      if (done.has(migration.version) || migration.version > upTo) continue;
      db.exec(migration.sql);
      migration.backfill?.(db);
      record.run(migration.version, new Date().toISOString());
    }
  }).immediate();
}
