// `npm run test:fault`: the fault suite (tests/fault) — real API processes killed with SIGKILL, a
// proxy that loses acknowledgements, and 20 phones plus a caseworker through the nginx cluster.
// It needs PostgreSQL and nginx and FAILS without them: a fault test that skips proves nothing.
// Extra arguments go to vitest, e.g. `npm run test:fault -- kill-during-push`.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { ensureServerBuild, REPO_ROOT } from './cluster/server-build.mjs';
import { findNginx, redact } from './cluster/start.mjs';

const databaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://lastivka:lastivka@127.0.0.1:5432/lastivka_test';

function fail(message) {
  process.stderr.write(`\ntest:fault cannot run: ${message}\n\n`);
  process.exit(1);
}

try {
  const nginx = findNginx();
  process.stdout.write(`nginx: ${nginx}\n`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
try {
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  process.stdout.write(`PostgreSQL ${rows[0].server_version}: ${redact(databaseUrl)}\n`);
} catch (error) {
  fail(
    `PostgreSQL is not reachable at TEST_DATABASE_URL (${redact(databaseUrl)}): ${error instanceof Error ? error.message : String(error)}`,
  );
} finally {
  await client.end().catch(() => undefined);
}

try {
  if (ensureServerBuild()) process.stdout.write('Built dist/server/main.js\n');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const started = Date.now();
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'tests/fault/vitest.config.ts', ...process.argv.slice(2)],
  { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: databaseUrl } },
);
process.stdout.write(`\ntest:fault finished in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(result.status ?? 1);
