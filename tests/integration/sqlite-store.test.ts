import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/store/sqlite/migrations';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/server/store/sqlite/sqlite-store';
import type { Store } from '../../src/server/store/store';
import { describeStoreContract, type StoreHarness, SYNC_TABLES } from './store-contract';

async function createSqliteHarness(): Promise<StoreHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-sqlite-'));
  const opened: Store[] = [];
  return {
    async open() {
      const store = await openSqliteStore(dataDir);
      opened.push(store);
      return store;
    },
    async seedV1(seed) {
      mkdirSync(dataDir, { recursive: true });
      const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
      migrate(db, 1);
      const last = Math.max(0, ...seed.records.map((record) => record.mutationId));
      db.prepare('INSERT INTO clients (client_id, last_mutation_id) VALUES (?, ?)').run(seed.clientId, last);
      for (const record of seed.records) {
        db.prepare(
          `INSERT INTO records (record_id, client_id, service, reference, status, data, captured_at, accepted_at, updated_at)
           VALUES (?, ?, 'damageReport', ?, 'received', ?, ?, ?, ?)`,
        ).run(
          record.recordId,
          seed.clientId,
          record.reference,
          JSON.stringify(record.data),
          record.capturedAt,
          record.acceptedAt,
          record.acceptedAt,
        );
        db.prepare('INSERT INTO change_log (record_id, client_id, changed_at) VALUES (?, ?, ?)').run(
          record.recordId,
          seed.clientId,
          record.acceptedAt,
        );
        db.prepare('INSERT INTO mutations (client_id, mutation_id, result) VALUES (?, ?, ?)').run(
          seed.clientId,
          record.mutationId,
          JSON.stringify({
            id: record.mutationId,
            status: 'applied',
            recordId: record.recordId,
            acceptedAt: record.acceptedAt,
          }),
        );
      }
      db.close();
    },
    async seedV2(seed) {
      mkdirSync(dataDir, { recursive: true });
      const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
      migrate(db, 2);
      const last = Math.max(0, ...seed.records.map((record) => record.mutationId));
      db.prepare('INSERT INTO clients (client_id, last_mutation_id) VALUES (?, ?)').run(seed.clientId, last);
      for (const record of seed.records) {
        db.prepare(
          `INSERT INTO records (record_id, client_id, service, reference, status, fields, version, captured_at, accepted_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
        ).run(
          record.recordId,
          seed.clientId,
          record.service,
          record.reference,
          record.fields.status,
          JSON.stringify(record.fields),
          record.capturedAt,
          record.acceptedAt,
          record.acceptedAt,
        );
        db.prepare("INSERT INTO record_events (record_id, at, kind) VALUES (?, ?, 'delivered')").run(
          record.recordId,
          record.acceptedAt,
        );
        if (record.amendment !== undefined) {
          db.prepare(
            `INSERT INTO amendments (amendment_id, record_id, path, value, state, created_at)
             VALUES (?, ?, ?, ?, 'pending', ?)`,
          ).run(
            record.amendment.amendmentId,
            record.recordId,
            record.amendment.path,
            JSON.stringify(record.amendment.value),
            record.acceptedAt,
          );
        }
        db.prepare('INSERT INTO change_log (record_id, client_id, changed_at) VALUES (?, ?, ?)').run(
          record.recordId,
          seed.clientId,
          record.acceptedAt,
        );
        db.prepare('INSERT INTO mutations (client_id, mutation_id, result) VALUES (?, ?, ?)').run(
          seed.clientId,
          record.mutationId,
          JSON.stringify({
            id: record.mutationId,
            status: 'applied',
            recordId: record.recordId,
            version: 1,
            acceptedAt: record.acceptedAt,
          }),
        );
      }
      db.close();
    },
    async dumpTables() {
      const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
      try {
        return JSON.stringify(
          SYNC_TABLES.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()),
        );
      } finally {
        db.close();
      }
    },
    async failChangeLogInsertFor(recordId) {
      // A second connection, as an operator or another process would have; the store's prepared
      // statements see the new schema on their next run.
      const saboteur = new Database(path.join(dataDir, SQLITE_FILE_NAME));
      saboteur.exec(
        `CREATE TRIGGER fail_change_log BEFORE INSERT ON change_log
         WHEN NEW.record_id = '${recordId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      );
      saboteur.close();
    },
    async dispose() {
      for (const store of opened) await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describeStoreContract('SQLite', createSqliteHarness);

describe('SQLite store file', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the data directory and opens the database in WAL mode with full sync', async () => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'lastivka-sqlite-')), 'nested', 'data');
    const store = await openSqliteStore(dataDir);
    await store.close();

    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1, 2, 3]);
    db.close();
  });

  it('migrates once when opened again', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-sqlite-'));
    await (await openSqliteStore(dataDir)).close();
    const store = await openSqliteStore(dataDir);
    await expect(store.integrityCheck()).resolves.toBeUndefined();
    await store.close();
  });
});
