import type { SetFieldsMutation } from '../../../shared/protocol';
import { acceptedResult, rejectedResult } from '../mutation-outcome';
import { type Citizen, ownedBy } from './citizen';
import { mergeCitizenChanges } from './citizen-merge';
import type { MutationDecision } from './decision';
import type { ConflictState, NewId, RecordState } from './record-state';

/**
 * `record/setFields`: the citizen's edits after submission (from any of their devices), answers to
 * the office's questions included. Someone else's record gets the same answer as a missing one, so
 * ids reveal nothing.
 */
export function decideSetFields(
  mutation: SetFieldsMutation,
  citizen: Citizen,
  record: RecordState | undefined,
  conflicts: readonly ConflictState[],
  newId: NewId,
): MutationDecision {
  if (!ownedBy(record, citizen)) {
    return { result: rejectedResult(mutation, 'record.notFound') };
  }
  const merge = mergeCitizenChanges({
    record,
    openConflicts: conflicts.filter((conflict) => conflict.resolution === null),
    changes: mutation.changes,
    newId,
  });
  if (!merge.ok) return { result: rejectedResult(mutation, merge.reason, merge.issues) };
  return {
    result: acceptedResult(mutation, { version: merge.version, acceptedAt: record.acceptedAt }, merge),
    ...(merge.write === undefined ? {} : { write: merge.write }),
  };
}
