// The PostgreSQL database the server benchmark writes to: started if the local cluster is down, created
// if missing, and emptied before each run so every figure starts from the same state.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://lastivka:lastivka@127.0.0.1:5432/lastivka_bench';

function run(command, args) {
  return spawnSync(command, args, { encoding: 'utf8' });
}

async function canConnect(database) {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL.replace(/\/[^/]*$/, `/${database}`) });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Makes sure lastivka_bench exists and is empty; returns its URL, or throws saying what is missing. */
export async function prepareBenchDatabase() {
  let probe = await canConnect('lastivka_bench');
  if (probe !== true && /ECONNREFUSED/.test(String(probe?.message ?? probe))) {
    run('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'start']);
    probe = await canConnect('lastivka_bench');
  }
  if (probe !== true && /does not exist/.test(String(probe?.message ?? probe))) {
    const created = run('su', ['postgres', '-c', 'createdb -O lastivka lastivka_bench']);
    if (created.status !== 0) throw new Error(`could not create lastivka_bench: ${created.stderr.trim()}`);
    probe = await canConnect('lastivka_bench');
  }
  if (probe !== true) throw new Error(`PostgreSQL not reachable: ${probe?.message ?? probe}`);
  await resetBenchDatabase();
  return BENCH_DATABASE_URL;
}

/** Drops everything the server created (the database owner owns the public schema in PostgreSQL 15). */
export async function resetBenchDatabase() {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

/** Process ids of the server connections to lastivka_bench (the backends doing our server's work). */
export async function benchBackendPids() {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = 'lastivka_bench' AND pid <> pg_backend_pid()",
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}
