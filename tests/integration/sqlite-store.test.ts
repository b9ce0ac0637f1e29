import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/server/store/sqlite/sqlite-store';
import type { Store } from '../../src/server/store/store';
import { describeStoreContract, type StoreHarness } from './store-contract';

async function createSqliteHarness(): Promise<StoreHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-sqlite-'));
  const opened: Store[] = [];
  return {
    async open() {
      const store = await openSqliteStore(dataDir);
      opened.push(store);
      return store;
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
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
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
