import type { Log } from '../log';
import type { IdentityStore } from './identity-store';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes spent sign-in codes, old rate counters and long-dead sessions and invites at start and every
 * hour: a table of codes and counters that only grows slows every sign-in on a busy day, and dead
 * sessions are personal data with no use left. Several processes may run it at once; each delete is
 * idempotent. The timer is unref'd so it never keeps the process alive; stop() ends it.
 */
export function scheduleIdentityPrune(
  identityStore: Pick<IdentityStore, 'pruneExpired'>,
  log: Log,
  now: () => Date = () => new Date(),
): { stop(): void } {
  const run = () => {
    identityStore.pruneExpired(now()).then(
      (removed) => {
        if (Object.values(removed).some((count) => count > 0)) log.info('identity.pruned', { ...removed });
      },
      (error: unknown) =>
        log.error('identity.pruneFailed', {
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
