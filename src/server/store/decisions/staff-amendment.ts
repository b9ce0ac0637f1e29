import { changedPaths } from './changed-paths';
import { checkedFields } from './checked-fields';
import { unchangedWrite } from './record-state';
import { serviceOf } from './service-of';
import { refuse, type StaffAction, type StaffContext, type StaffDecision } from './staff-action';

/**
 * The office decides a citizen's amendment: accepting writes the value the person asked for (it must
 * still pass the service's schema), declining only records the decision. Either way the person sees
 * it in the record's amendments and timeline.
 */
export function decideAmendment(
  action: Extract<StaffAction, { type: 'decideAmendment' }>,
  context: StaffContext,
): StaffDecision {
  const { record } = context;
  if (record === undefined) return refuse('record.notFound');
  const amendment = context.amendments.find((candidate) => candidate.amendmentId === action.amendmentId);
  if (amendment === undefined || amendment.recordId !== record.recordId) return refuse('amendment.notFound');
  if (amendment.state !== 'pending') return refuse('amendment.decided');

  const decided = {
    ...unchangedWrite(record),
    decidedAmendments: [
      {
        amendmentId: amendment.amendmentId,
        state: action.decision === 'accept' ? 'accepted' : 'declined',
      } as const,
    ],
    events: [{ kind: 'amendment' as const, detail: amendment.path }],
  };
  if (action.decision === 'decline') return { ok: true, write: decided };

  const known = serviceOf(record.service);
  if (known === undefined) return refuse('service.notAvailable');
  const check = checkedFields(
    known.service,
    { ...record.fields, [amendment.path]: amendment.value },
    record.fields,
  );
  if (!check.ok) return refuse('record.invalid', { issues: check.issues });
  const changed = changedPaths(record.fields, check.fields).length > 0;
  return {
    ok: true,
    write: { ...decided, fields: check.fields, version: changed ? record.version + 1 : record.version },
  };
}
