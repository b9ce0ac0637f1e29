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
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
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
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
