import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServerBuild, REPO_ROOT, SERVER_ENTRY } from '../../../scripts/cluster/server-build.mjs';
import { sleep } from './free-port';

export type StoreTarget =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly databaseUrl: string };

export interface ApiProcessOptions {
  readonly store: StoreTarget;
  readonly port: number;
  /** Shown in failures. */
  readonly name?: string;
}

const HEALTHY_WITHIN_MS = 20_000;
const STDERR_KEEP = 8_000;

let built = false;

/**
 * One API process of the BUILT server (`node dist/server/main.js`), as production runs it. It can be
 * SIGKILLed at any moment and started again on the same port and the same data: nothing in the
 * process gets a chance to flush, close or answer, which is what a power cut or the OOM killer does.
 */
export class ApiProcess {
  readonly #options: ApiProcessOptions;
  readonly #staticDir: string;
  /** DATA_DIR: the SQLite files, and the SMS outbox the sign-in codes are read from. */
  readonly dataDir: string;
  #child: ChildProcess | undefined;
  #stderr = '';
  #starts = 0;

  constructor(options: ApiProcessOptions) {
    if (!built) {
      ensureServerBuild();
      built = true;
    }
    this.#options = options;
    // API only: an empty static dir keeps the bundle-less server quiet and fast to start.
    this.#staticDir = mkdtempSync(join(tmpdir(), 'lastivka-fault-static-'));
    this.dataDir =
      options.store.kind === 'sqlite'
        ? options.store.dataDir
        : mkdtempSync(join(tmpdir(), 'lastivka-fault-data-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.#options.port}`;
  }

  get port(): number {
    return this.#options.port;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  get starts(): number {
    return this.#starts;
  }

  /** The last lines the process wrote to stderr (for failure messages). */
  get stderrTail(): string {
    return this.#stderr;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.#name()} is already running`);
    const { store, port } = this.#options;
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        DATABASE_URL: store.kind === 'postgres' ? store.databaseUrl : '',
        STATIC_DIR: this.#staticDir,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_KEEP);
    });
    this.#child = child;
    this.#starts++;
    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(
          `${this.#name()} exited with code ${child.exitCode} while starting:\n${this.#stderr}`,
        );
      }
      try {
        const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(1_000) });
        if (response.ok) {
          await response.arrayBuffer();
          return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.kill9();
        throw new Error(
          `${this.#name()} did not become healthy in ${HEALTHY_WITHIN_MS} ms:\n${this.#stderr}`,
        );
      }
      await sleep(20);
    }
  }

  /** SIGKILL: no shutdown handler runs, in-flight requests and transactions are cut where they are. */
  async kill9(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the server's graceful shutdown (finish in-flight requests, close the store). */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  #name(): string {
    return this.#options.name ?? `API on port ${this.#options.port}`;
  }
}
