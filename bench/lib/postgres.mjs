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

/**
 * CPU seconds the PostgreSQL backends serving lastivka_bench use while `work` runs. The server's pool
 * opens and closes connections, so the backends are listed every 250 ms and each one's last reading
 * counts (a backend that appears during the run started from zero).
 */
export async function backendCpuDuring(work, cpuSeconds) {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  const first = new Map();
  const last = new Map();
  const sample = async (initial) => {
    const { rows } = await client.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = 'lastivka_bench' AND pid <> pg_backend_pid()",
    );
    for (const { pid } of rows) {
      const cpu = cpuSeconds(pid);
      if (!first.has(pid)) first.set(pid, initial ? cpu : 0);
      last.set(pid, cpu);
    }
  };
  await sample(true);
  let running = true;
  const sampler = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await sample(false);
    }
  })();
  try {
    const result = await work();
    running = false;
    await sampler;
    await sample(false);
    let total = 0;
    for (const [pid, value] of last) total += Math.max(0, value - (first.get(pid) ?? 0));
    return { result, cpuSeconds: total };
  } finally {
    running = false;
    await client.end();
  }
}
