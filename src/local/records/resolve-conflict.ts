import { announceChange } from '../database/change-notice';
import { getClientId } from '../database/client-identity';
import type { LocalDatabase } from '../database/local-database';
import { enqueueMutation } from '../sync/enqueue-mutation';

/**
 * Records the person's choice between the office's value and their own. The phone shows the chosen
 * value at once; the server decides again if the office changed the field once more meanwhile.
 */
export async function resolveConflict(
  db: LocalDatabase,
  recordId: string,
  conflictId: string,
  choice: 'server' | 'client',
  now = new Date(),
): Promise<void> {
  await getClientId(db);
  await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
    const record = await db.records.get(recordId);
    const conflict = record?.server?.conflicts.find((item) => item.conflictId === conflictId);
    if (!record || !conflict) throw new Error('conflict.notFound');
    await enqueueMutation(db, { type: 'record/resolveConflict', recordId, conflictId, choice }, now);
    await db.records.put({
      ...record,
      data: { ...record.data, [conflict.path]: choice === 'client' ? conflict.client : conflict.server },
      resolvingConflicts: [...(record.resolvingConflicts ?? []), conflictId],
      state: 'queued',
      updatedAt: now.toISOString(),
    });
  });
  announceChange({ type: 'records-changed' });
}
