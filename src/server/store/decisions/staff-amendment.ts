import { amendmentEventDetail } from '../../../shared/protocol/amendment-event';
import { changedPaths } from './changed-paths';
import { checkedFields } from './checked-fields';
import { type AmendmentState, unchangedWrite } from './record-state';
import { serviceOf } from './service-of';
import { refuse, type StaffAction, type StaffContext, type StaffDecision } from './staff-action';

/**
 * The office decides one or more of a citizen's amendments of one record at once: accepting writes
 * the values the person asked for, all together, and the record must then pass the service's schema
 * (fields that only make sense together, such as an oblast and a settlement in it, can only be
 * accepted together); declining only records the decision. All or nothing: one amendment missing,
 * decided already, or a record the values would make invalid refuses the whole set. Either way the
 * person sees it in the record's amendments and timeline.
 */
export function decideAmendment(
  action: Extract<StaffAction, { type: 'decideAmendment' }>,
  context: StaffContext,
): StaffDecision {
  const { record } = context;
  if (record === undefined) return refuse('record.notFound');
  const named = new Set(action.amendmentIds);
  if (named.size === 0) return refuse('amendment.notFound');
  // In the order the person asked for them, so of two values for one field the later one wins.
  const amendments = context.amendments.filter(
    (candidate) => named.has(candidate.amendmentId) && candidate.recordId === record.recordId,
  );
  if (amendments.length !== named.size) return refuse('amendment.notFound');
  if (amendments.some((amendment) => amendment.state !== 'pending')) return refuse('amendment.decided');

  const decided = {
    ...unchangedWrite(record),
    decidedAmendments: amendments.map((amendment) => ({
      amendmentId: amendment.amendmentId,
      state: action.decision === 'accept' ? ('accepted' as const) : ('declined' as const),
    })),
    events: amendments.map((amendment) => ({
      kind: 'amendment' as const,
      detail: amendmentEventDetail(amendment.path, action.decision === 'accept' ? 'accepted' : 'declined'),
    })),
  };
  if (action.decision === 'decline') return { ok: true, write: decided };

  const known = serviceOf(record.service);
  if (known === undefined) return refuse('service.notAvailable');
  const check = checkedFields(
    known.service,
    { ...record.fields, ...requestedValues(amendments) },
    record.fields,
  );
  if (!check.ok) return refuse('record.invalid', { issues: check.issues });
  const changed = changedPaths(record.fields, check.fields).length > 0;
  return {
    ok: true,
    write: { ...decided, fields: check.fields, version: changed ? record.version + 1 : record.version },
  };
}

function requestedValues(amendments: readonly AmendmentState[]): Record<string, AmendmentState['value']> {
  return Object.fromEntries(amendments.map((amendment) => [amendment.path, amendment.value]));
}
