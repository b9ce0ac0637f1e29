import { checkSubmission } from '../../shared/domain/service-definition';
import type { ValidationIssue } from '../../shared/domain/validation-issue';
import { announceChange } from '../database/change-notice';
import { getClientId } from '../database/client-identity';
import type { LocalDatabase } from '../database/local-database';
import { enqueueMutation } from '../sync/enqueue-mutation';
import type { LocalRecord } from './local-record';
import { RecordNotEditableError } from './save-draft';

export type SubmitOutcome =
  | { readonly ok: true; readonly record: LocalRecord }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Validates with the same check the server uses, then moves the record to "queued" and puts its
 * mutation in the outbox in one transaction: a crash leaves either a draft or a queued item, never a
 * queued item without its mutation.
 */
export async function submitRecord(
  db: LocalDatabase,
  recordId: string,
  now = new Date(),
): Promise<SubmitOutcome> {
  // Made before the transaction: Dexie transactions must not await anything outside the database.
  await getClientId(db);
  const outcome = await db.transaction(
    'rw',
    db.records,
    db.outbox,
    db.meta,
    async (): Promise<SubmitOutcome> => {
      const record = await db.records.get(recordId);
      if (!record) throw new Error('record.notFound');
      if (record.state !== 'draft' && !(record.state === 'attention' && !record.server)) {
        throw new RecordNotEditableError(recordId);
      }
      const check = checkSubmission(record.service, record.data);
      if (!check.ok) return { ok: false, issues: check.issues };

      const timestamp = now.toISOString();
      await enqueueMutation(
        db,
        {
          type: 'record/submit',
          recordId: record.id,
          service: record.service,
          reference: record.reference,
          capturedAt: record.createdAt,
          fields: record.data,
        },
        now,
      );
      const queued: LocalRecord = {
        ...record,
        state: 'queued',
        submittedAt: timestamp,
        updatedAt: timestamp,
      };
      delete queued.attention;
      await db.records.put(queued);
      return { ok: true, record: queued };
    },
  );
  if (outcome.ok) announceChange({ type: 'records-changed' });
  return outcome;
}
