import { unchangedWrite } from './record-state';
import { pathIssues, refuse, type StaffAction, type StaffContext, type StaffDecision } from './staff-action';
import { mergeStaffChanges } from './staff-merge';

/**
 * The office corrects fields (a typo in the description, the wrong oblast). The status has its own
 * route, where the allowed transitions are checked, so it is refused here.
 */
export function decideStaffFields(
  action: Extract<StaffAction, { type: 'setFields' }>,
  context: StaffContext,
): StaffDecision {
  const { record } = context;
  if (record === undefined) return refuse('record.notFound');
  const statusPaths = action.changes.filter(({ path }) => path === 'status').map(({ path }) => path);
  if (statusPaths.length > 0) {
    return refuse('field.statusReadOnly', { issues: pathIssues(statusPaths, 'field.statusReadOnly') });
  }
  const merge = mergeStaffChanges(record, action.changes);
  if (!merge.ok) return merge.decision;
  if (merge.changed.length === 0) return { ok: true };
  return {
    ok: true,
    write: {
      ...unchangedWrite(record),
      fields: merge.fields,
      version: record.version + 1,
      events: merge.changed.map((path) => ({ kind: 'correction' as const, detail: path })),
    },
  };
}
