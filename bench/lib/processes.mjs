// Starting and stopping the processes a benchmark talks to: the built Lastivka server (as `npm start`
// runs it), the CouchDB-protocol comparison server, and the PostgreSQL database.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `lastivka-bench-${prefix}-`));
}

async function waitHealthy(url, child, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stopper(child, cleanup = () => {}) {
  return () =>
    new Promise((resolve) => {
      const done = () => {
        cleanup();
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
}

/**
 * The built server (dist/server/main.js) on SQLite in a fresh data directory, or on PostgreSQL when
 * `databaseUrl` is given. `staticDir` defaults to the built client.
 */
export async function startLastivkaServer({ databaseUrl = '', staticDir = 'dist/client' } = {}) {
  const port = await freePort();
  const dataDir = tempDir('data');
  const child = spawn('node', ['dist/server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: staticDir,
      LOG_LEVEL: 'error',
      DATABASE_URL: databaseUrl,
      STAFF_API_TOKEN: '',
      // The benchmarks sign in a handful of phones from one address.
      AUTH_CODES_PER_IP_PER_HOUR: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/api/health`, child, 'Lastivka server');
  return {
    url,
    port,
    pid: child.pid,
    dataDir,
    store: databaseUrl ? 'postgres' : 'sqlite',
    stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** express-pouchdb on PouchDB's memory adapter, in its own process (bench/lib/couch-server.cjs). */
export async function startCouchServer() {
  const port = await freePort();
  const child = spawn('node', [join(BENCH_DIR, 'lib/couch-server.cjs'), String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/`, child, 'express-pouchdb');
  return { url, port, pid: child.pid, stop: stopper(child) };
}

const CLOCK_TICKS = 100;

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
