// `npm run cluster`: PostgreSQL, three API processes and nginx as their load balancer, all on
// 127.0.0.1, for the fault tests and for anyone who outgrows one process. Ctrl-C stops it all.
//
//   npm run cluster                      # http://127.0.0.1:8180, database lastivka_cluster
//   CLUSTER_DATABASE_URL=postgres://… npm run cluster
//   caseworkers: DATABASE_URL=… npm run admin -- create-admin --login … --password-stdin
//
// Programmatic use (tests): `const cluster = await startCluster({ … }); … await cluster.stop();`
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ensureServerBuild, REPO_ROOT, SERVER_ENTRY } from './server-build.mjs';

export const DEFAULT_DATABASE_URL = 'postgres://lastivka:lastivka@127.0.0.1:5432/lastivka_cluster';
export const DEFAULT_PROXY_PORT = 8180;
export const DEFAULT_API_PORTS = [8181, 8182, 8183];
const HEALTHY_WITHIN_MS = 20_000;

/** PUSH_MAX_BYTES from the protocol's limits, so nginx and the API refuse the same bodies. */
export function pushMaxBytes() {
  const source = readFileSync(join(REPO_ROOT, 'src/shared/protocol/limits.ts'), 'utf8');
  const match = /PUSH_MAX_BYTES\s*=\s*([\d_\s*]+);/.exec(source);
  if (!match) throw new Error('PUSH_MAX_BYTES not found in src/shared/protocol/limits.ts');
  const value = match[1]
    .split('*')
    .map((part) => Number(part.replaceAll('_', '').trim()))
    .reduce((product, factor) => product * factor, 1);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`PUSH_MAX_BYTES is not a number: ${match[1]}`);
  return value;
}

export function findNginx() {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  if (which.status === 0 && found !== '') return found;
  throw new Error(
    'nginx is not installed (Debian: apt-get install nginx). The cluster needs it as its load balancer.',
  );
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function canConnect(connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the local PostgreSQL cluster the way .ci/run does, when it is installed but not running. */
async function startLocalPostgres(log) {
  const list = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  if (list.status !== 0) {
    throw new Error(
      'PostgreSQL is not reachable and pg_lsclusters is missing (Debian: apt-get install postgresql)',
    );
  }
  const first = list.stdout.trim().split('\n')[0];
  if (!first) throw new Error('PostgreSQL is installed but has no cluster (pg_createcluster <version> main)');
  const [version, name] = first.trim().split(/\s+/);
  log(`Starting PostgreSQL ${version}/${name}…`);
  spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start'], { stdio: 'inherit' });
  for (let i = 0; i < 30; i++) {
    if (spawnSync('pg_isready', ['-q', '-h', '127.0.0.1']).status === 0) return;
    await sleep(1_000);
  }
  throw new Error('PostgreSQL did not become ready in 30 s');
}

/** Creates the database named in the URL when it does not exist (as its own role, which has CREATEDB in CI). */
async function ensureDatabase(connectionString, log) {
  const url = new URL(connectionString);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unexpected database name: ${database}`);
  const admin = new URL(connectionString);
  admin.pathname = '/postgres';
  admin.search = '';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rows.length === 0) {
      log(`Creating database ${database}…`);
      await client.query(`CREATE DATABASE ${database}`);
    }
    return;
  } catch (error) {
    // The role may lack CREATEDB; as root, ask the postgres superuser instead.
    if (process.getuid?.() !== 0) throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  const owner = decodeURIComponent(url.username);
  const sql = `SELECT 'CREATE DATABASE ${database} OWNER "${owner}"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${database}')\\gexec`;
  const created = spawnSync('su', ['postgres', '-c', 'psql -v ON_ERROR_STOP=1 -q'], {
    input: sql,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  if (created.status !== 0) throw new Error(`could not create database ${database}`);
}

/** PostgreSQL reachable at `connectionString` (started and the database created when needed). */
export async function ensurePostgres(connectionString, log = () => undefined) {
  let probe = await canConnect(connectionString);
  if (probe.ok) return;
  if (probe.error?.code === 'ECONNREFUSED' || probe.error?.code === 'ENOENT') {
    await startLocalPostgres(log);
    probe = await canConnect(connectionString);
    if (probe.ok) return;
  }
  if (probe.error?.code === '3D000') {
    await ensureDatabase(connectionString, log);
    probe = await canConnect(connectionString);
    if (probe.ok) return;
  }
  throw new Error(
    `PostgreSQL is not usable at ${redact(connectionString)}: ${probe.error?.message ?? probe.error}`,
  );
}

export function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

class ApiNode {
  constructor({ port, env, stdio }) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.env = env;
    this.stdio = stdio;
    this.child = undefined;
    this.stderr = '';
  }

  get running() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start() {
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: this.stdio === 'inherit' ? 'inherit' : ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-8_000);
    });
    this.child = child;
    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`API on port ${this.port} exited (${child.exitCode}):\n${this.stderr}`);
      try {
        const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(1_000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.kill9();
        throw new Error(
          `API on port ${this.port} did not become healthy in ${HEALTHY_WITHIN_MS} ms:\n${this.stderr}`,
        );
      }
      await sleep(50);
    }
  }

  async kill9() {
    await signalAndWait(this.child, 'SIGKILL', 5_000);
  }

  async stop() {
    await signalAndWait(this.child, 'SIGTERM', 15_000);
  }
}

async function signalAndWait(child, signal, graceMs) {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function nginxConfig({ runDir, proxyPort, apiPorts, maxBytes }) {
  const template = readFileSync(join(REPO_ROOT, 'scripts/cluster/nginx.conf.template'), 'utf8');
  // nginx's workers drop root for `nobody`; they must still reach the temp dirs made here.
  const userDirective = process.getuid?.() === 0 ? 'user nobody nogroup;' : '';
  const values = {
    RUN_DIR: runDir,
    USER_DIRECTIVE: userDirective,
    LISTEN: `127.0.0.1:${proxyPort}`,
    UPSTREAM_SERVERS: apiPorts
      .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`)
      .join('\n'),
    PUSH_MAX_BYTES: String(maxBytes),
  };
  const config = template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`nginx.conf.template: unknown placeholder ${name}`);
    return values[name];
  });
  return config;
}

/**
 * Starts PostgreSQL (or reuses it), the API processes and nginx. Resolves when nginx answers
 * /api/health through the load balancer.
 *
 * @param {object} [options]
 * @param {string} [options.databaseUrl] default CLUSTER_DATABASE_URL or lastivka_cluster on 127.0.0.1
 * @param {number} [options.proxyPort] default 8180
 * @param {number[]} [options.apiPorts] default 8181–8183
 * @param {string} [options.staticDir] built client to serve (default dist/client when it exists)
 * @param {string} [options.dataDir] DATA_DIR of the API processes (default: a temp dir, removed on stop)
 * @param {'inherit'|'pipe'} [options.stdio] API processes' output ('pipe' keeps it for errors)
 * @param {string} [options.logLevel] LOG_LEVEL of the API processes
 * @param {(line: string) => void} [options.log]
 */
export async function startCluster(options = {}) {
  const log = options.log ?? (() => undefined);
  const databaseUrl = options.databaseUrl ?? process.env.CLUSTER_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const proxyPort = options.proxyPort ?? DEFAULT_PROXY_PORT;
  const apiPorts = options.apiPorts ?? DEFAULT_API_PORTS;
  const nginxBinary = findNginx();
  const maxBytes = pushMaxBytes();

  await ensurePostgres(databaseUrl, log);
  if (ensureServerBuild()) log('Built dist/server/main.js');

  const runDir = mkdtempSync(join(tmpdir(), 'lastivka-cluster-'));
  chmodSync(runDir, 0o755);
  for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    const dir = join(runDir, 'temp', name);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o1777);
  }
  chmodSync(join(runDir, 'temp'), 0o755);
  const dataDir = options.dataDir ?? join(runDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const emptyStatic = join(runDir, 'no-static');
  mkdirSync(emptyStatic);
  const staticDir =
    options.staticDir ??
    (existsSync(join(REPO_ROOT, 'dist/client/index.html')) ? join(REPO_ROOT, 'dist/client') : emptyStatic);

  const env = {
    DATABASE_URL: databaseUrl,
    STATIC_DIR: staticDir,
    // Shared by the processes: the generated sign-in secret (unless AUTH_SECRET is set) and, without
    // an SMS gateway, the SMS outbox file the codes go to.
    DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel ?? 'warn',
    // Behind nginx: rate limits count the client address nginx puts in X-Forwarded-For.
    TRUST_PROXY: 'true',
  };
  const apis = apiPorts.map((port) => new ApiNode({ port, env, stdio: options.stdio ?? 'pipe' }));
  let nginx;
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // nginx first, so no new request reaches a process that is shutting down; QUIT lets it finish
    // what it is proxying.
    await signalAndWait(nginx, 'SIGQUIT', 10_000);
    await Promise.all(apis.map((api) => api.stop()));
    rmSync(runDir, { recursive: true, force: true });
  };

  try {
    // One after another: the first runs the migrations (the others would wait on its lock anyway).
    for (const api of apis) {
      await api.start();
      log(`API process on ${api.url}`);
    }
    const configPath = join(runDir, 'nginx.conf');
    writeFileSync(configPath, nginxConfig({ runDir, proxyPort, apiPorts, maxBytes }));
    const test = spawnSync(
      nginxBinary,
      ['-t', '-q', '-p', runDir, '-e', join(runDir, 'error.log'), '-c', configPath],
      {
        encoding: 'utf8',
      },
    );
    if (test.status !== 0) throw new Error(`nginx rejected the generated config:\n${test.stderr}`);
    nginx = spawn(nginxBinary, ['-p', runDir, '-e', join(runDir, 'error.log'), '-c', configPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let nginxStderr = '';
    nginx.stderr.setEncoding('utf8');
    nginx.stderr.on('data', (chunk) => {
      nginxStderr += chunk;
    });
    const url = `http://127.0.0.1:${proxyPort}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (nginx.exitCode !== null) {
        const errorLog = existsSync(join(runDir, 'error.log'))
          ? readFileSync(join(runDir, 'error.log'), 'utf8')
          : '';
        throw new Error(`nginx exited (${nginx.exitCode}):\n${nginxStderr}\n${errorLog}`);
      }
      try {
        const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) });
        await response.arrayBuffer();
        if (response.ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error('nginx did not answer /api/health in 10 s');
      await sleep(50);
    }
    return {
      url,
      databaseUrl,
      runDir,
      dataDir,
      apis: apis.map((api) => ({
        port: api.port,
        url: api.url,
        get running() {
          return api.running;
        },
        start: () => api.start(),
        kill9: () => api.kill9(),
        stderrTail: () => api.stderr,
      })),
      nginxAccessLog: () =>
        existsSync(join(runDir, 'access.log')) ? readFileSync(join(runDir, 'access.log'), 'utf8') : '',
      nginxErrorLog: () =>
        existsSync(join(runDir, 'error.log')) ? readFileSync(join(runDir, 'error.log'), 'utf8') : '',
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function main() {
  const log = (line) => process.stdout.write(`${line}\n`);
  let cluster;
  try {
    cluster = await startCluster({ stdio: 'inherit', log });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  log(
    `Lastivka cluster: ${cluster.url} (nginx → ${cluster.apis.map((api) => api.port).join(', ')}; ${redact(cluster.databaseUrl)})`,
  );
  log('Press Ctrl-C to stop.');
  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping nginx and the API processes…`);
    cluster.stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
