import type pg from 'pg';
import type { FieldMap } from '../../../shared/record';
import { recordOblast } from '../decisions/record-oblast';

interface Migration {
  readonly version: number;
  readonly sql: string;
  /** Runs after `sql`, in the same transaction, for what SQL alone should not decide. */
  readonly backfill?: (client: pg.ClientBase) => Promise<void>;
}

// Arbitrary but fixed: every Lastivka process uses it to take turns at migrating the same database.
const MIGRATION_LOCK_KEY = 7_350_010_001;

// Append only: a migration that has run on someone's server is never edited, only followed by another.
const MIGRATIONS: readonly Migration[] = [
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
  {
    // Protocol 2: records become flat field maps merged field by field, with conflicts, amendments
    // and a timeline. A v1 record keeps its data as fields (plus the status path the merge guards),
    // starts at version 1 with a 'delivered' event, and is announced again in the change log so
    // every phone pulls its full v2 snapshot.
    version: 2,
    sql: `
      ALTER TABLE records ADD COLUMN fields jsonb, ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
      UPDATE records SET fields = data || jsonb_build_object('status', status);
      ALTER TABLE records ALTER COLUMN fields SET NOT NULL, DROP COLUMN data,
        ADD CONSTRAINT records_status_is_field CHECK (fields->>'status' = status);

      -- base, server, client and value are jsonb (a field value may be null, a number or a list).
      -- seq keeps rows written by one transaction (one created_at) in the order they were made.
      CREATE TABLE conflicts (
        conflict_id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        record_id text NOT NULL REFERENCES records (record_id),
        path text NOT NULL,
        base jsonb NOT NULL,
        server jsonb NOT NULL,
        client jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolution text CHECK (resolution IN ('server', 'client', 'superseded')),
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      );
      CREATE INDEX conflicts_record ON conflicts (record_id, seq);

      CREATE TABLE amendments (
        amendment_id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        record_id text NOT NULL REFERENCES records (record_id),
        path text NOT NULL,
        value jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'accepted', 'declined')),
        created_at timestamptz NOT NULL,
        decided_at timestamptz,
        CHECK ((state = 'pending') = (decided_at IS NULL))
      );
      CREATE INDEX amendments_record ON amendments (record_id, seq);

      CREATE TABLE record_events (
        event_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        record_id text NOT NULL REFERENCES records (record_id),
        at timestamptz NOT NULL,
        kind text NOT NULL
          CHECK (kind IN ('delivered', 'status', 'infoRequest', 'answer', 'correction', 'conflict', 'amendment')),
        detail text
      );
      CREATE INDEX record_events_record ON record_events (record_id, event_id);

      INSERT INTO record_events (record_id, at, kind)
        SELECT record_id, accepted_at, 'delivered' FROM records ORDER BY accepted_at, record_id;
      INSERT INTO change_log (record_id, client_id, changed_at)
        SELECT record_id, client_id, now() FROM records ORDER BY accepted_at, record_id;
      -- Stored v1 answers gain the version a v2 client reads, so a replay after the upgrade parses.
      UPDATE mutations SET result = result || '{"version": 1}'::jsonb WHERE result->>'status' = 'applied';
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
      ALTER TABLE clients ADD COLUMN user_id text;
      ALTER TABLE records ADD COLUMN owner_user_id text, ADD COLUMN oblast text, ADD COLUMN assigned_to text;
      ALTER TABLE change_log ADD COLUMN user_id text;
      UPDATE records r SET owner_user_id = c.user_id FROM clients c
        WHERE c.client_id = r.client_id AND c.user_id IS NOT NULL;
      UPDATE change_log l SET user_id = c.user_id FROM clients c
        WHERE c.client_id = l.client_id AND c.user_id IS NOT NULL;

      -- NOT VALID: rows from before sign-in keep their null, every new or updated client is bound.
      ALTER TABLE clients ADD CONSTRAINT clients_user_bound CHECK (user_id IS NOT NULL) NOT VALID;
      -- A binding never changes; a record is created owned, and an old one is adopted once.
      CREATE FUNCTION clients_user_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id THEN
          RAISE EXCEPTION 'clients.user_id never changes once bound';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER clients_user_kept BEFORE UPDATE OF user_id ON clients
        FOR EACH ROW EXECUTE FUNCTION clients_user_kept();
      CREATE FUNCTION records_owner_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.owner_user_id IS NULL THEN
          RAISE EXCEPTION 'records.owner_user_id is required';
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.owner_user_id IS NOT NULL
           AND NEW.owner_user_id IS DISTINCT FROM OLD.owner_user_id THEN
          RAISE EXCEPTION 'records.owner_user_id never changes once set';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER records_owner_kept BEFORE INSERT OR UPDATE OF owner_user_id ON records
        FOR EACH ROW EXECUTE FUNCTION records_owner_kept();

      -- Pulls are per person now (same gap-free order: txid, then seq); the per-client index has no reader left.
      DROP INDEX change_log_client_txid_seq;
      CREATE INDEX change_log_user_txid_seq ON change_log (user_id, txid, seq);
      CREATE INDEX records_unadopted ON records (client_id) WHERE owner_user_id IS NULL;
      -- The office queue: newest first, keyset-paginated on (accepted_at, record_id in byte order).
      CREATE INDEX records_queue ON records (accepted_at DESC, record_id COLLATE "C" DESC);
      CREATE INDEX records_queue_oblast ON records (oblast, accepted_at DESC, record_id COLLATE "C" DESC);
      CREATE INDEX records_queue_oblast_status
        ON records (oblast, status, accepted_at DESC, record_id COLLATE "C" DESC);
    `,
    backfill: backfillOblasts,
  },
];

/** Every record's oblast from its fields, by the same rule new writes use, a chunk at a time. */
async function backfillOblasts(client: pg.ClientBase): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await client.query<{ record_id: string; service: string; fields: FieldMap }>(
      `SELECT record_id, service, fields FROM records WHERE record_id COLLATE "C" > $1
        ORDER BY record_id COLLATE "C" LIMIT 500`,
      [after],
    );
    const last = rows.at(-1);
    if (last === undefined) return;
    await client.query(
      `UPDATE records r SET oblast = v.oblast
         FROM unnest($1::text[], $2::text[]) AS v (record_id, oblast) WHERE r.record_id = v.record_id`,
      [rows.map((row) => row.record_id), rows.map((row) => recordOblast(row.service, row.fields))],
    );
    after = last.record_id;
  }
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Runs pending migrations in one transaction; the advisory lock makes concurrent starts wait, not race.
 * `upTo` exists for upgrade tests, which build an older database first.
 */
export async function migrate(client: pg.ClientBase, upTo = LATEST_SCHEMA_VERSION): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version) || migration.version > upTo) continue;
      await client.query(migration.sql);
      await migration.backfill?.(client);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
