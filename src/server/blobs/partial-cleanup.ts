import type { Log } from '../log';
import { type BlobStore, PARTIAL_MAX_AGE_MS } from './blob-store';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes orphaned partial uploads now and every hour (a phone that never comes back must not keep
 * disk space forever). The timer is unref'd so it never keeps the process alive; stop() ends it.
 */
export function schedulePartialCleanup(
  blobs: BlobStore,
  log: Log,
  maxAgeMs = PARTIAL_MAX_AGE_MS,
): { stop(): void } {
  const run = () => {
    blobs.cleanupPartials(maxAgeMs).then(
      (removed) => {
        if (removed > 0) log.info('blobs.partialsRemoved', { removed });
      },
      (error: unknown) =>
        log.error('blobs.cleanupFailed', { message: error instanceof Error ? error.message : String(error) }),
    );
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
