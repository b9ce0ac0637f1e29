import { STATUS_TRANSITIONS } from '../../../shared/domain';
import type { FieldChange } from '../../../shared/merge';
import { unchangedWrite } from './record-state';
import { refuse, type StaffAction, type StaffContext, type StaffDecision } from './staff-action';
import { mergeStaffChanges } from './staff-merge';

/**
 * The office moves a record along STATUS_TRANSITIONS; a rejection must say why (the person has a
 * right to know). The reason, when given, becomes `decisionReason`.
 */
export function decideStatus(
  action: Extract<StaffAction, { type: 'setStatus' }>,
  context: StaffContext,
): StaffDecision {
  const { record } = context;
  if (record === undefined) return refuse('record.notFound');
  if (!STATUS_TRANSITIONS[record.status].includes(action.status))
    return refuse('status.transitionNotAllowed');
  const reason = action.reason?.trim();
  if (action.status === 'rejected' && (reason === undefined || reason === '')) {
    return refuse('status.reasonRequired', { issues: [{ field: 'reason', message: 'reason.required' }] });
  }

  const changes: FieldChange[] = [{ path: 'status', base: record.status, value: action.status }];
  if (reason !== undefined && reason !== '') {
    changes.push({ path: 'decisionReason', base: record.fields.decisionReason ?? null, value: reason });
  }
  const merge = mergeStaffChanges(record, changes);
  if (!merge.ok) return merge.decision;
  return {
    ok: true,
    write: {
      ...unchangedWrite(record),
      fields: merge.fields,
      status: action.status,
      version: record.version + 1,
      events: [{ kind: 'status', detail: action.status }],
    },
  };
}
