import type { LocalDatabase } from '../database/local-database';
import { SYNC_LOCK } from '../lock-names';
import { pullChanges } from './pull-changes';
import { pushOutbox, type SyncTransport } from './push-outbox';

/**
 * One push-then-pull round. A Web Lock keeps the page's worker and the service worker from pushing the
 * same outbox at the same time (they would not duplicate — the server dedupes — but would waste the link).
 */
export async function syncOnce(db: LocalDatabase, transport: SyncTransport): Promise<{ delivered: number }> {
  const run = async () => {
    const { delivered } = await pushOutbox(db, transport);
    await pullChanges(db, transport);
    return { delivered };
  };
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return run();
  return locks.request(SYNC_LOCK, run);
}
