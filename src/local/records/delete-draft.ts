import { announceChange } from '../database/change-notice';
import type { LocalDatabase } from '../database/local-database';
import { RecordNotEditableError } from './save-draft';

/** Only drafts can be deleted: a queued item is the person's promise to the office and must be sent. */
export async function deleteDraft(db: LocalDatabase, recordId: string): Promise<void> {
  await db.transaction('rw', db.records, db.photos, async () => {
    const record = await db.records.get(recordId);
    if (!record) return;
    if (record.state !== 'draft') throw new RecordNotEditableError(recordId);
    await db.records.delete(recordId);
    // The draft's photos go with it: evidence images must not linger on a shared phone.
    await db.photos.where('recordId').equals(recordId).delete();
  });
  announceChange({ type: 'records-changed' });
}
