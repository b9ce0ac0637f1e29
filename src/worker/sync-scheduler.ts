import type { LocalDatabase } from '../local/database/local-database';
import type { SyncTransport } from '../local/sync/push-outbox';
import { retryDelayMs } from '../local/sync/retry-delay';
import { RetryableSyncError, SignInRequiredError, UpdateRequiredError } from '../local/sync/sync-errors';
import { syncOnce } from '../local/sync/sync-once';
import type { SyncOutcome } from './data-api';

/**
 * Runs sync rounds one at a time and keeps a single backoff timer. Triggers (start, online, the page
 * becoming visible, "Send now", the service worker's sync event) all land here; a trigger during a
 * round makes one more round afterwards instead of running in parallel.
 */
export class SyncScheduler {
  private running: Promise<SyncOutcome> | null = null;
  private again = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: LocalDatabase,
    private readonly transport: SyncTransport,
    private readonly isOnline: () => boolean,
    /**
     * Runs after each round's push and pull succeeded: the photos of delivered records (text first,
     * always). Its network failures take the same backoff as the records'.
     */
    private readonly afterSync?: () => Promise<unknown>,
  ) {}

  trigger(): Promise<SyncOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<SyncOutcome> {
    let outcome: SyncOutcome;
    do {
      this.again = false;
      outcome = await this.round();
    } while (this.again && outcome.result === 'done');
    return outcome;
  }

  private async round(): Promise<SyncOutcome> {
    clearTimeout(this.timer);
    if (!this.isOnline()) return { result: 'offline' };
    try {
      const { delivered } = await syncOnce(this.db, this.transport);
      await this.afterSync?.();
      this.attempt = 0;
      return { result: 'done', delivered };
    } catch (error) {
      if (error instanceof UpdateRequiredError) return { result: 'updateRequired' };
      // Retrying cannot help until the person signs in; signing in triggers the next round.
      if (error instanceof SignInRequiredError) return { result: 'signInRequired' };
      const retryAfter = error instanceof RetryableSyncError ? error.retryAfterSeconds : undefined;
      const retryInMs = retryDelayMs(this.attempt++, retryAfter);
      this.timer = setTimeout(() => void this.trigger(), retryInMs);
      return { result: 'retrying', retryInMs };
    }
  }
}
