import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/server/store/postgres/migrations';
import { openPostgresStore } from '../../src/server/store/postgres/postgres-store';
import type { Store } from '../../src/server/store/store';
import { type StoreHarness, SYNC_TABLES } from './store-contract';

// CI creates this role and database; locally:
//   su postgres -c "psql -c \"CREATE ROLE lastivka LOGIN PASSWORD 'lastivka'\""
//   su postgres -c "createdb -O lastivka lastivka_test"
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://lastivka:lastivka@127.0.0.1:5432/lastivka_test';

export interface PostgresHarness extends StoreHarness {
  readonly schema: string;
  /** A connection string whose sessions see only this harness's schema. */
  readonly connectionString: string;
  /** A raw client on the same schema, closed by dispose. */
  connect(): Promise<pg.Client>;
  /** Waits (up to 10 s) until a pull can serve every change-log row committed so far (see settlePulls). */
  settle(): Promise<void>;
}

/**
 * Every harness gets a schema of its own, named at random and put first on the search_path, so
 * test files (and two CI jobs on one database) never see each other's rows and need no cleanup
 * order. Unreachable PostgreSQL makes this throw, so the suite fails rather than skips.
 */
export interface PostgresHarnessOptions {
  /**
   * Before each pull, wait (up to 10 s) until every change-log row already committed lies below the
   * cluster's oldest running transaction, so the gap-free pull serves it. A pull rightly holds rows
   * back while any older transaction in the cluster (another database's, another test run's) is
   * open; the contract tests expect what they just wrote, so they wait for that rather than fail
   * when something else runs on the same server. The gap-free tests hold transactions open on
   * purpose and do not use this.
   */
  readonly settlePulls?: boolean;
}

export async function createPostgresHarness(options: PostgresHarnessOptions = {}): Promise<PostgresHarness> {
  const schema = `lastivka_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);

  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const connectionString = url.toString();
  const stores: Store[] = [];
  const clients: pg.Client[] = [];

  return {
    schema,
    connectionString,
    async open() {
      const store = await openPostgresStore({ connectionString, maxConnections: 4 });
      stores.push(store);
      return options.settlePulls ? settlingPulls(store, () => settle(admin, schema)) : store;
    },
    settle: () => settle(admin, schema),
    async connect() {
      const client = new pg.Client({ connectionString });
      await client.connect();
      clients.push(client);
      return client;
    },
    async seedV1(seed) {
      const db = new pg.Client({ connectionString });
      await db.connect();
      try {
        await migrate(db, 1);
        const last = Math.max(0, ...seed.records.map((record) => record.mutationId));
        await db.query('INSERT INTO clients (client_id, last_mutation_id) VALUES ($1, $2)', [
          seed.clientId,
          last,
        ]);
        for (const record of seed.records) {
          await db.query(
            `INSERT INTO records (record_id, client_id, service, reference, status, data, captured_at, accepted_at, updated_at)
             VALUES ($1, $2, 'damageReport', $3, 'received', $4, $5, $6, $6)`,
            [
              record.recordId,
              seed.clientId,
              record.reference,
              record.data,
              record.capturedAt,
              record.acceptedAt,
            ],
          );
          await db.query('INSERT INTO change_log (record_id, client_id, changed_at) VALUES ($1, $2, $3)', [
            record.recordId,
            seed.clientId,
            record.acceptedAt,
          ]);
          await db.query('INSERT INTO mutations (client_id, mutation_id, result) VALUES ($1, $2, $3)', [
            seed.clientId,
            record.mutationId,
            {
              id: record.mutationId,
              status: 'applied',
              recordId: record.recordId,
              acceptedAt: record.acceptedAt,
            },
          ]);
        }
      } finally {
        await db.end();
      }
    },
    async seedV2(seed) {
      const db = new pg.Client({ connectionString });
      await db.connect();
      try {
        await migrate(db, 2);
        const last = Math.max(0, ...seed.records.map((record) => record.mutationId));
        await db.query('INSERT INTO clients (client_id, last_mutation_id) VALUES ($1, $2)', [
          seed.clientId,
          last,
        ]);
        for (const record of seed.records) {
          await db.query(
            `INSERT INTO records (record_id, client_id, service, reference, status, fields, version, captured_at, accepted_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8)`,
            [
              record.recordId,
              seed.clientId,
              record.service,
              record.reference,
              record.fields.status,
              record.fields,
              record.capturedAt,
              record.acceptedAt,
            ],
          );
          await db.query("INSERT INTO record_events (record_id, at, kind) VALUES ($1, $2, 'delivered')", [
            record.recordId,
            record.acceptedAt,
          ]);
          if (record.amendment !== undefined) {
            await db.query(
              `INSERT INTO amendments (amendment_id, record_id, path, value, state, created_at)
               VALUES ($1, $2, $3, $4::jsonb, 'pending', $5)`,
              [
                record.amendment.amendmentId,
                record.recordId,
                record.amendment.path,
                JSON.stringify(record.amendment.value),
                record.acceptedAt,
              ],
            );
          }
          await db.query('INSERT INTO change_log (record_id, client_id, changed_at) VALUES ($1, $2, $3)', [
            record.recordId,
            seed.clientId,
            record.acceptedAt,
          ]);
          await db.query('INSERT INTO mutations (client_id, mutation_id, result) VALUES ($1, $2, $3)', [
            seed.clientId,
            record.mutationId,
            {
              id: record.mutationId,
              status: 'applied',
              recordId: record.recordId,
              version: 1,
              acceptedAt: record.acceptedAt,
            },
          ]);
        }
      } finally {
        await db.end();
      }
    },
    async dumpTables() {
      const dump: unknown[] = [];
      for (const table of SYNC_TABLES) {
        // ctid order is physical; every table here has a key to order by instead.
        const { rows } = await admin.query(
          `SELECT to_jsonb(t) AS row FROM ${schema}.${table} t ORDER BY to_jsonb(t)::text`,
        );
        dump.push(rows.map((row) => row.row));
      }
      return JSON.stringify(dump);
    },
    async failChangeLogInsertFor(recordId) {
      await admin.query(`
        CREATE FUNCTION ${schema}.fail_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.record_id = '${recordId}' THEN RAISE EXCEPTION 'injected failure'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER fail_change_log BEFORE INSERT ON ${schema}.change_log
          FOR EACH ROW EXECUTE FUNCTION ${schema}.fail_change_log();
      `);
    },
    async dispose() {
      for (const store of stores) await store.close();
      for (const client of clients) await client.end().catch(() => undefined);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function settle(admin: pg.Client, schema: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await admin.query<{ settled: boolean }>(
      `SELECT coalesce(max(txid) < pg_snapshot_xmin(pg_current_snapshot()), true) AS settled
         FROM ${schema}.change_log`,
    );
    if (rows[0]!.settled || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function settlingPulls(store: Store, settled: () => Promise<void>): Store {
  return {
    kind: store.kind,
    applyPush: (request, now) => store.applyPush(request, now),
    pull: async (request) => {
      await settled();
      return store.pull(request);
    },
    applyStaffAction: (recordId, action, scope, now) => store.applyStaffAction(recordId, action, scope, now),
    listQueue: (query) => store.listQueue(query),
    assignRecord: (recordId, assignee, scope) => store.assignRecord(recordId, assignee, scope),
    exportRows: (filter) => store.exportRows(filter),
    countRecords: () => store.countRecords(),
    recordReferencesBlob: (userId, sha256) => store.recordReferencesBlob(userId, sha256),
    getRecord: (recordId, scope) => store.getRecord(recordId, scope),
    integrityCheck: () => store.integrityCheck(),
    close: () => store.close(),
  };
}
