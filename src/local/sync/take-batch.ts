// The limits by their own path, not the protocol index: the service worker walks the outbox with
// fitPushBudget too, and the index would bring the protocol's schemas into its bundle.
import { PUSH_MAX_BYTES, PUSH_MAX_MUTATIONS } from '../../shared/protocol/limits';
import type { LocalDatabase } from '../database/local-database';
import type { OutboxEntry } from './outbox-entry';

// Leave room for the envelope around the mutations.
const BATCH_BYTE_BUDGET = PUSH_MAX_BYTES - 4096;

/** The oldest outbox entries that fit one push, in mutation-id order (the server expects increasing ids). */
export async function takeBatch(db: LocalDatabase): Promise<OutboxEntry[]> {
  return fitPushBudget(await db.outbox.orderBy('mutationId').limit(PUSH_MAX_MUTATIONS).toArray());
}

/**
 * The leading entries of `candidates` (in mutation-id order, at most PUSH_MAX_MUTATIONS) that fit one
 * push's byte budget; always at least one, so an entry larger than the budget still travels (and the
 * server answers it with 413, which the person sees).
 */
export function fitPushBudget(candidates: readonly OutboxEntry[]): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of candidates) {
    const size = new TextEncoder().encode(JSON.stringify(entry.mutation)).byteLength + 1;
    if (batch.length > 0 && bytes + size > BATCH_BYTE_BUDGET) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}
