import * as v from 'valibot';
import { DamageReportSchema, toValidationIssues, type ValidationIssue } from '../../shared/domain';
import type { Mutation } from '../../shared/protocol';
import { announceChange } from '../database/change-notice';
import { getClientId } from '../database/client-identity';
import type { LocalDatabase } from '../database/local-database';
import { META_NEXT_MUTATION_ID } from '../database/meta-keys';
import type { LocalRecord } from './local-record';
import { RecordNotEditableError } from './save-draft';

export type SubmitOutcome =
  | { readonly ok: true; readonly record: LocalRecord }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Validates with the same schema the server uses, then moves the record to "queued" and puts its
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
      if (record.state !== 'draft' && record.state !== 'attention')
        throw new RecordNotEditableError(recordId);
      const parsed = v.safeParse(DamageReportSchema, record.data);
      if (!parsed.success) return { ok: false, issues: toValidationIssues(parsed.issues) };

      const counter = await db.meta.get(META_NEXT_MUTATION_ID);
      const mutationId = typeof counter?.value === 'number' ? counter.value : 1;
      await db.meta.put({ key: META_NEXT_MUTATION_ID, value: mutationId + 1 });

      const timestamp = now.toISOString();
      const mutation: Mutation = {
        id: mutationId,
        type: 'damageReport/submit',
        recordId: record.id,
        reference: record.reference,
        capturedAt: record.createdAt,
        data: parsed.output,
      };
      await db.outbox.add({ mutationId, recordId: record.id, mutation, enqueuedAt: timestamp });
      const queued: LocalRecord = {
        ...record,
        data: parsed.output,
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
