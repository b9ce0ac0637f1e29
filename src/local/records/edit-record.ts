import type { FieldChange } from '../../shared/merge';
import { type FieldValue, sameValue } from '../../shared/record';
import { announceChange } from '../database/change-notice';
import { getClientId } from '../database/client-identity';
import type { LocalDatabase } from '../database/local-database';
import { enqueueMutation } from '../sync/enqueue-mutation';
import type { LocalRecord } from './local-record';

/**
 * Changes fields of a submitted record. Each change carries the value the person saw as its base, so
 * the server can tell an edit of the current value from an edit of a value the office has changed
 * since; the record and its mutation are written in one transaction.
 */
export async function editRecord(
  db: LocalDatabase,
  recordId: string,
  values: Readonly<Record<string, FieldValue>>,
  now = new Date(),
): Promise<LocalRecord> {
  await getClientId(db);
  const record = await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
    const current = await db.records.get(recordId);
    if (!current) throw new Error('record.notFound');
    if (current.state === 'draft') throw new Error('record.notSubmitted');
    const changes: FieldChange[] = Object.entries(values)
      .filter(([path, value]) => !sameValue(current.data[path], value))
      .map(([path, value]) => ({ path, base: current.data[path] ?? null, value }));
    if (changes.length === 0) return current;
    await enqueueMutation(db, { type: 'record/setFields', recordId, changes }, now);
    const updated: LocalRecord = {
      ...current,
      data: { ...current.data, ...values },
      state: 'queued',
      updatedAt: now.toISOString(),
    };
    delete updated.attention;
    await db.records.put(updated);
    return updated;
  });
  announceChange({ type: 'records-changed' });
  return record;
}
