import { FINAL_STATUSES } from '../../../shared/domain';
import type { WithdrawMutation } from '../../../shared/protocol';
import { acceptedResult, rejectedResult } from '../mutation-outcome';
import { type Citizen, ownedBy } from './citizen';
import type { MutationDecision } from './decision';
import type { RecordState } from './record-state';

/**
 * `record/withdraw`: the citizen takes the application back before the office has decided. The
 * status is the office's field, so this is the one citizen action that writes it, here and not
 * through the merge.
 */
export function decideWithdraw(
  mutation: WithdrawMutation,
  citizen: Citizen,
  record: RecordState | undefined,
): MutationDecision {
  if (!ownedBy(record, citizen)) {
    return { result: rejectedResult(mutation, 'record.notFound') };
  }
  // Withdrawn already (e.g. from another device of the same person): what was asked is so.
  if (record.status === 'withdrawn') return { result: acceptedResult(mutation, record) };
  if (FINAL_STATUSES.includes(record.status)) return { result: rejectedResult(mutation, 'record.closed') };

  const version = record.version + 1;
  return {
    result: acceptedResult(mutation, { version, acceptedAt: record.acceptedAt }),
    write: {
      recordId: record.recordId,
      clientId: record.clientId,
      ownerUserId: record.ownerUserId,
      fields: { ...record.fields, status: 'withdrawn' },
      status: 'withdrawn',
      version,
      newConflicts: [],
      closedConflicts: [],
      newAmendments: [],
      decidedAmendments: [],
      events: [{ kind: 'status', detail: 'withdrawn' }],
    },
  };
}
