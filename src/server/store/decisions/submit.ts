import { LIVE_SERVICES, SERVICE_DEFINITIONS } from '../../../shared/domain';
import { mayWrite } from '../../../shared/merge';
import type { SubmitRecordMutation } from '../../../shared/protocol';
import { acceptedResult, rejectedResult } from '../mutation-outcome';
import { checkedFields } from './checked-fields';
import type { Citizen } from './citizen';
import type { MutationDecision } from './decision';
import type { RecordState } from './record-state';

/**
 * `record/submit` creates the record from a completed form. A phone may only send fields the
 * citizen owns (no status, decision or office questions: mass assignment is refused as a whole,
 * nothing written). The record id exists already: the same client sending it again under a new
 * mutation id (it lost its acknowledgement), or the same person from another device (a backup
 * restored on a new phone), gets the original acceptance; anyone else is refused, so nobody can take
 * over another person's record.
 */
export function decideSubmit(
  mutation: SubmitRecordMutation,
  citizen: Citizen,
  existing: RecordState | undefined,
  now: string,
): MutationDecision {
  if (!LIVE_SERVICES.includes(mutation.service))
    return { result: rejectedResult(mutation, 'service.notAvailable') };
  const definition = SERVICE_DEFINITIONS[mutation.service];

  const officeOwned = Object.keys(mutation.fields).filter(
    (path) => !mayWrite(definition.policy, path, 'citizen'),
  );
  if (officeOwned.length > 0) {
    return {
      result: rejectedResult(
        mutation,
        'field.officeOwned',
        officeOwned.map((path) => ({ field: path, message: 'field.officeOwned' })),
      ),
    };
  }

  const check = checkedFields(mutation.service, mutation.fields);
  if (!check.ok) return { result: rejectedResult(mutation, check.reason, check.issues) };

  if (existing !== undefined) {
    return {
      result:
        existing.ownerUserId !== null && existing.ownerUserId === citizen.userId
          ? acceptedResult(mutation, existing)
          : rejectedResult(mutation, 'record.idTaken'),
    };
  }

  // Stored normalised, as the phone normalises before sending: both keep the same merge base.
  const fields = { ...check.fields, status: 'received' as const };
  return {
    result: acceptedResult(mutation, { version: 1, acceptedAt: now }),
    write: {
      recordId: mutation.recordId,
      clientId: citizen.clientId,
      ownerUserId: citizen.userId,
      create: { service: mutation.service, reference: mutation.reference, capturedAt: mutation.capturedAt },
      fields,
      status: 'received',
      version: 1,
      newConflicts: [],
      closedConflicts: [],
      newAmendments: [],
      decidedAmendments: [],
      events: [{ kind: 'delivered' }],
    },
  };
}
