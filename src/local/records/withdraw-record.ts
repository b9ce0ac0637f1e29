import { announceChange } from '../database/change-notice';
import { getClientId } from '../database/client-identity';
import type { LocalDatabase } from '../database/local-database';
import { enqueueMutation } from '../sync/enqueue-mutation';

/** Asks the office to stop processing the application; works offline like every other change. */
export async function withdrawRecord(db: LocalDatabase, recordId: string, now = new Date()): Promise<void> {
  await getClientId(db);
  await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
    const record = await db.records.get(recordId);
    if (!record || record.state === 'draft') throw new Error('record.notSubmitted');
    await enqueueMutation(db, { type: 'record/withdraw', recordId }, now);
    await db.records.put({ ...record, state: 'queued', updatedAt: now.toISOString() });
  });
  announceChange({ type: 'records-changed' });
}
