import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../../src/server/store/sqlite/sqlite-store';
import type { MutationResult } from '../../../src/shared/protocol';
import type { FieldValue } from '../../../src/shared/record';
import type { StoreTarget } from './api-process';

export interface ServerRecordState {
  readonly clientId: string;
  readonly version: number;
  readonly status: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
}

/**
 * The server's tables read directly (not through the API): what is really stored, which is what the
 * promises are about. Open it while no API process writes (SQLite) or at any time (PostgreSQL).
 */
export interface ServerRows {
  countRecords(): Promise<number>;
  recordIds(): Promise<Set<string>>;
  /** Records created: `delivered` timeline events (one per record created, never more). */
  creations(): Promise<{ total: number; distinctRecords: number }>;
  changeLog(clientId?: string): Promise<{ total: number; distinctRecords: number }>;
  lastMutationId(clientId: string): Promise<number>;
  /** Stored results (kept forever) for these mutation ids of the client. */
  storedResults(clientId: string, mutationIds: readonly number[]): Promise<Map<number, MutationResult>>;
  countMutations(clientId: string): Promise<number>;
  countConflicts(): Promise<number>;
  /** Every record's owner, version and fields. */
  recordStates(): Promise<Map<string, ServerRecordState>>;
  /** Problems found; empty when every check passes. */
  integrityProblems(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openServerRows(store: StoreTarget): Promise<ServerRows> {
  return store.kind === 'sqlite' ? sqliteRows(store.dataDir) : postgresRows(store.databaseUrl);
}

function sqliteRows(dataDir: string): ServerRows {
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  db.pragma('busy_timeout = 5000');
  const one = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  return {
    async countRecords() {
      return one('SELECT count(*) FROM records');
    },
    async recordIds() {
      return new Set(db.prepare('SELECT record_id FROM records').pluck().all() as string[]);
    },
    async creations() {
      const row = db
        .prepare(
          "SELECT count(*) AS total, count(DISTINCT record_id) AS distinctRecords FROM record_events WHERE kind = 'delivered'",
        )
        .get() as { total: number; distinctRecords: number };
      return row;
    },
    async changeLog(clientId) {
      const where = clientId === undefined ? '' : 'WHERE client_id = ?';
      return db
        .prepare(
          `SELECT count(*) AS total, count(DISTINCT record_id) AS distinctRecords FROM change_log ${where}`,
        )
        .get(...(clientId === undefined ? [] : [clientId])) as { total: number; distinctRecords: number };
    },
    async lastMutationId(clientId) {
      return (
        (db.prepare('SELECT last_mutation_id FROM clients WHERE client_id = ?').pluck().get(clientId) as
          | number
          | undefined) ?? 0
      );
    },
    async storedResults(clientId, mutationIds) {
      const select = db
        .prepare('SELECT result FROM mutations WHERE client_id = ? AND mutation_id = ?')
        .pluck();
      const out = new Map<number, MutationResult>();
      for (const id of mutationIds) {
        const result = select.get(clientId, id) as string | undefined;
        if (result !== undefined) out.set(id, JSON.parse(result) as MutationResult);
      }
      return out;
    },
    async countMutations(clientId) {
      return one('SELECT count(*) FROM mutations WHERE client_id = ?', clientId);
    },
    async countConflicts() {
      return one('SELECT count(*) FROM conflicts');
    },
    async recordStates() {
      const rows = db.prepare('SELECT record_id, client_id, version, status, fields FROM records').all() as {
        record_id: string;
        client_id: string;
        version: number;
        status: string;
        fields: string;
      }[];
      return new Map(
        rows.map((row) => [
          row.record_id,
          {
            clientId: row.client_id,
            version: row.version,
            status: row.status,
            fields: JSON.parse(row.fields),
          },
        ]),
      );
    },
    async integrityProblems() {
      const problems: string[] = [];
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`PRAGMA integrity_check: ${String(integrity)}`);
      const foreignKeys = db.pragma('foreign_key_check') as unknown[];
      if (foreignKeys.length > 0) problems.push(`PRAGMA foreign_key_check: ${foreignKeys.length} rows`);
      problems.push(...bookkeeping(sqliteBookkeeping(db)));
      // The store's own check (the one its contract suite tests), on the same file.
      const store = await openSqliteStore(dataDir);
      try {
        await store.integrityCheck();
      } catch (error) {
        problems.push(`store.integrityCheck: ${String(error)}`);
      } finally {
        await store.close();
      }
      return problems;
    },
    async close() {
      db.close();
    },
  };
}

interface Bookkeeping {
  /** Clients whose stored results are not exactly ids 1..last_mutation_id. */
  clientsWithHoles: number;
  /** Records without a `delivered` event or with more than one. */
  recordsNotCreatedOnce: number;
  /** Records whose status column disagrees with the status field. */
  statusMismatches: number;
  /** Change-log rows of a client other than the record's owner. */
  foreignChangeRows: number;
}

function bookkeeping(counts: Bookkeeping): string[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name}: ${count}`);
}

const HOLES_SQL = `SELECT count(*) FROM clients c
  WHERE (SELECT count(*) FROM mutations m WHERE m.client_id = c.client_id) <> c.last_mutation_id
     OR (SELECT coalesce(max(mutation_id), 0) FROM mutations m WHERE m.client_id = c.client_id) <> c.last_mutation_id`;
const CREATED_ONCE_SQL = `SELECT count(*) FROM records r
  WHERE (SELECT count(*) FROM record_events e WHERE e.record_id = r.record_id AND e.kind = 'delivered') <> 1`;
const FOREIGN_CHANGES_SQL = `SELECT count(*) FROM change_log c JOIN records r USING (record_id)
  WHERE c.client_id <> r.client_id`;

function sqliteBookkeeping(db: Database.Database): Bookkeeping {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    clientsWithHoles: one(HOLES_SQL),
    recordsNotCreatedOnce: one(CREATED_ONCE_SQL),
    statusMismatches: one(
      "SELECT count(*) FROM records WHERE json_extract(fields, '$.status') IS NOT status",
    ),
    foreignChangeRows: one(FOREIGN_CHANGES_SQL),
  };
}

function postgresRows(connectionString: string): ServerRows {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => undefined);
  const one = async (sql: string, params: unknown[] = []) =>
    Number((await pool.query<{ n: string }>(`SELECT (${sql}) AS n`, params)).rows[0]!.n);
  return {
    countRecords: () => one('SELECT count(*) FROM records'),
    async recordIds() {
      const { rows } = await pool.query<{ record_id: string }>('SELECT record_id FROM records');
      return new Set(rows.map((row) => row.record_id));
    },
    async creations() {
      const { rows } = await pool.query<{ total: string; distinct_records: string }>(
        "SELECT count(*) AS total, count(DISTINCT record_id) AS distinct_records FROM record_events WHERE kind = 'delivered'",
      );
      return { total: Number(rows[0]!.total), distinctRecords: Number(rows[0]!.distinct_records) };
    },
    async changeLog(clientId) {
      const where = clientId === undefined ? '' : 'WHERE client_id = $1';
      const { rows } = await pool.query<{ total: string; distinct_records: string }>(
        `SELECT count(*) AS total, count(DISTINCT record_id) AS distinct_records FROM change_log ${where}`,
        clientId === undefined ? [] : [clientId],
      );
      return { total: Number(rows[0]!.total), distinctRecords: Number(rows[0]!.distinct_records) };
    },
    async lastMutationId(clientId) {
      const { rows } = await pool.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM clients WHERE client_id = $1',
        [clientId],
      );
      return rows[0] === undefined ? 0 : Number(rows[0].last_mutation_id);
    },
    async storedResults(clientId, mutationIds) {
      const { rows } = await pool.query<{ mutation_id: string; result: MutationResult }>(
        'SELECT mutation_id, result FROM mutations WHERE client_id = $1 AND mutation_id = ANY($2::bigint[])',
        [clientId, mutationIds],
      );
      return new Map(rows.map((row) => [Number(row.mutation_id), row.result]));
    },
    countMutations: (clientId) => one('SELECT count(*) FROM mutations WHERE client_id = $1', [clientId]),
    countConflicts: () => one('SELECT count(*) FROM conflicts'),
    async recordStates() {
      const { rows } = await pool.query<{
        record_id: string;
        client_id: string;
        version: number;
        status: string;
        fields: Record<string, FieldValue>;
      }>('SELECT record_id, client_id, version, status, fields FROM records');
      return new Map(
        rows.map((row) => [
          row.record_id,
          { clientId: row.client_id, version: row.version, status: row.status, fields: row.fields },
        ]),
      );
    },
    async integrityProblems() {
      const problems: string[] = [];
      problems.push(
        ...bookkeeping({
          clientsWithHoles: await one(HOLES_SQL),
          recordsNotCreatedOnce: await one(CREATED_ONCE_SQL),
          statusMismatches: await one(
            "SELECT count(*) FROM records WHERE fields->>'status' IS DISTINCT FROM status",
          ),
          foreignChangeRows: await one(FOREIGN_CHANGES_SQL),
        }),
      );
      // Every table readable end to end (a torn page or broken index would fail the scan) and the
      // indexes agree with the heap: the same counts by sequential and by index scan.
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off');
        const heap = await client.query<{ n: string }>('SELECT count(*) AS n FROM change_log');
        await client.query('SET LOCAL enable_indexscan = on; SET LOCAL enable_seqscan = off');
        const indexed = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM change_log WHERE seq > 0',
        );
        await client.query('COMMIT');
        if (heap.rows[0]!.n !== indexed.rows[0]!.n) {
          problems.push(`change_log: ${heap.rows[0]!.n} rows by heap scan, ${indexed.rows[0]!.n} by index`);
        }
      } finally {
        client.release();
      }
      const store = await openPostgresStore({ connectionString, maxConnections: 1 });
      try {
        await store.integrityCheck();
      } catch (error) {
        problems.push(`store.integrityCheck: ${String(error)}`);
      } finally {
        await store.close();
      }
      return problems;
    },
    async close() {
      await pool.end();
    },
  };
}
