import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  IDENTITY_SQLITE_FILE_NAME,
  type IdentityStore,
  openPostgresIdentityStore,
  openSqliteIdentityStore,
} from '../../../src/server/identity-store';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store';
import { openSqliteStore } from '../../../src/server/store/sqlite/sqlite-store';

/** What each backend gives the contract suite: a database of its own, and raw SQL on it as an operator would have. */
export interface IdentityHarness {
  readonly kind: 'sqlite' | 'postgres';
  /** A new store instance on this harness's database (several at once stand for several API processes). */
  open(): Promise<IdentityStore>;
  /** Runs SQL outside the store, as another program with the same database rights would. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  readonly dataDir: string;
  /** The sync store on the same database, to show the two never collide. */
  openSyncStore(): Promise<{ close(): Promise<void> }>;
  dispose(): Promise<void>;
}

export async function createSqliteIdentityHarness(): Promise<IdentityHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-identity-'));
  const stores: IdentityStore[] = [];
  return {
    kind: 'sqlite',
    dataDir,
    async open() {
      const store = await openSqliteIdentityStore(dataDir);
      stores.push(store);
      return store;
    },
    openSyncStore: () => openSqliteStore(dataDir),
    async query(sql) {
      const db = new Database(path.join(dataDir, IDENTITY_SQLITE_FILE_NAME));
      try {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all() as Record<string, unknown>[];
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
    async dispose() {
      for (const store of stores) await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// CI creates this role and database (see tests/integration/postgres-harness.ts).
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://lastivka:lastivka@127.0.0.1:5432/lastivka_test';

/**
 * A schema of its own per harness, first on the search_path, so tests never see each other's
 * rows. Unreachable PostgreSQL makes this throw: the suite fails, it does not skip.
 */
export async function createPostgresIdentityHarness(): Promise<
  IdentityHarness & { connectionString: string }
> {
  const schema = `lastivka_identity_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const connectionString = url.toString();
  const stores: IdentityStore[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-identity-pg-'));
  return {
    kind: 'postgres',
    dataDir,
    connectionString,
    async open() {
      const store = await openPostgresIdentityStore({ connectionString, maxConnections: 4 });
      stores.push(store);
      return store;
    },
    openSyncStore: () => openPostgresStore({ connectionString, maxConnections: 2 }),
    async query(sql) {
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    async dispose() {
      for (const store of stores) await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
