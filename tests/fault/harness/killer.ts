import type { ApiProcess } from './api-process';
import { sleep } from './free-port';
import type { Random } from './seeded-random';

export interface KillerOptions {
  /** How long the server stays dead before it is started again, in ms (uniform). */
  readonly downMs: readonly [number, number];
  /** Called at the moment of the kill, just before the signal is sent. */
  readonly atKill?: () => void;
  /** Runs while the server is dead (e.g. to read what the database kept). */
  readonly whileDown?: (killNumber: number) => Promise<void>;
}

interface KillRequest {
  readonly at: number;
  cancelled: boolean;
  started: boolean;
  wake?: () => void;
}

/**
 * SIGKILLs one API process at the moments a test chooses and starts it again on the same port and
 * data after a short random pause. At most one kill waits at a time; one asked for while the
 * server is restarting fires as soon as it is up again (so a request that reached the new process
 * early is as much a target as any other).
 */
export class Killer {
  kills = 0;
  #pending: KillRequest | undefined;
  #running: Promise<void> | undefined;
  #failure: unknown;
  #stopped = false;
  readonly #api: ApiProcess;
  readonly #random: Random;
  readonly #options: KillerOptions;

  constructor(api: ApiProcess, random: Random, options: KillerOptions) {
    this.#api = api;
    this.#random = random;
    this.#options = options;
  }

  /** A kill is waiting to happen. */
  get armed(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * Kill after `delayMs` (or as soon as a restart under way completes). Ignored when a kill is
   * already waiting or the killer was stopped. Returns a cancel function: true when the kill was
   * called off before it started.
   */
  killAfter(delayMs: number): () => boolean {
    if (this.#pending !== undefined || this.#stopped) return () => false;
    const request: KillRequest = { at: Date.now() + delayMs, cancelled: false, started: false };
    this.#pending = request;
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return () => {
      if (request.started || request.cancelled) return false;
      request.cancelled = true;
      if (this.#pending === request) this.#pending = undefined;
      request.wake?.();
      return true;
    };
  }

  /** No more kills; waits for one under way to finish (the server is running afterwards). */
  async stop(): Promise<void> {
    this.#stopped = true;
    const pending = this.#pending;
    if (pending !== undefined && !pending.started) {
      pending.cancelled = true;
      pending.wake?.();
    }
    await this.#running;
    if (this.#failure !== undefined) throw this.#failure;
  }

  async #run(): Promise<void> {
    while (this.#pending !== undefined && !this.#stopped) {
      const request = this.#pending;
      await new Promise<void>((resolve) => {
        request.wake = resolve;
        setTimeout(resolve, Math.max(0, request.at - Date.now()));
      });
      if (request.cancelled || this.#stopped) continue;
      request.started = true;
      this.#pending = undefined;
      try {
        this.#options.atKill?.();
        await this.#api.kill9();
        this.kills++;
        await sleep(this.#random.int(this.#options.downMs[0], this.#options.downMs[1]));
        await this.#options.whileDown?.(this.kills);
        await this.#api.start();
      } catch (error) {
        // Stop at the first failure and say so at once: the phones would otherwise retry against
        // a dead server until their deadline.
        console.error('[fault] killer failed:', error);
        this.#failure ??= error;
        this.#stopped = true;
      }
    }
  }
}
