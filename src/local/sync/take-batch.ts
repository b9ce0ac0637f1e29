import { PUSH_MAX_BYTES, PUSH_MAX_MUTATIONS } from '../../shared/protocol';
import type { LocalDatabase } from '../database/local-database';
import type { OutboxEntry } from './outbox-entry';

// Leave room for the envelope around the mutations.
const BATCH_BYTE_BUDGET = PUSH_MAX_BYTES - 4096;

/** The oldest outbox entries that fit one push, in mutation-id order (the server expects increasing ids). */
export async function takeBatch(db: LocalDatabase): Promise<OutboxEntry[]> {
  const candidates = await db.outbox.orderBy('mutationId').limit(PUSH_MAX_MUTATIONS).toArray();
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
