import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The caseworker API's bearer token for the test server (staff-api.ts sends it). */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly staticDir: string;
  /** The server's info-level log events, parsed, when started with `captureLog` (else empty). */
  readonly logEvents: ReadonlyArray<Record<string, unknown>>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'lastivka-e2e-data-'));
}

/** A private copy of the built app, so a test can change files (e.g. publish a "new version"). */
export function copyBuiltApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lastivka-e2e-static-'));
  cpSync('dist/client', dir, { recursive: true });
  return dir;
}

/** Starts the built server (`dist/server/main.js`) the way `npm start` does, on SQLite in `dataDir`. */
export async function startServer(options: {
  dataDir: string;
  staticDir?: string;
  port?: number;
  /** Keep the server's info log (one JSON object per line) in `logEvents`, e.g. upload chunk counts. */
  captureLog?: boolean;
}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const staticDir = options.staticDir ?? 'dist/client';
  const child: ChildProcess = spawn('node', ['dist/server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      STATIC_DIR: staticDir,
      LOG_LEVEL: options.captureLog ? 'info' : 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', options.captureLog ? 'pipe' : 'inherit', 'inherit'],
  });
  const logEvents: Record<string, unknown>[] = [];
  if (options.captureLog && child.stdout) {
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        // The start-up banner is plain text for people; the events are one JSON object per line.
        if (line.startsWith('{')) logEvents.push(JSON.parse(line) as Record<string, unknown>);
      }
    });
  }
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    dataDir: options.dataDir,
    staticDir,
    logEvents,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
