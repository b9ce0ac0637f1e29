import { randomBytes } from 'node:crypto';
import pg from 'pg';

// CI creates this role and database (see .ci/run); the fault suite fails, never skips, without it.
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://lastivka:lastivka@127.0.0.1:5432/lastivka_test';

export interface FaultSchema {
  readonly schema: string;
  /** Sessions opened with this URL see only the schema (search_path in the startup options). */
  readonly connectionString: string;
  drop(): Promise<void>;
}

/** A fresh schema of its own, as tests/integration/postgres-harness.ts makes them. */
export async function createFaultSchema(): Promise<FaultSchema> {
  const schema = `lastivka_fault_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required by the fault suite and is not reachable at TEST_DATABASE_URL (${redact(TEST_DATABASE_URL)}): ${String(error)}`,
    );
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    connectionString: url.toString(),
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
