import { type FieldChange, mergeFields } from '../../../shared/merge';
import type { FieldMap } from '../../../shared/record';
import { changedPaths } from './changed-paths';
import { checkedFields } from './checked-fields';
import type { RecordState } from './record-state';
import { serviceOf } from './service-of';
import { pathIssues, refuse, type StaffDecision } from './staff-action';

export type StaffMerge =
  | { readonly ok: true; readonly fields: FieldMap; readonly changed: readonly string[] }
  | { readonly ok: false; readonly decision: StaffDecision };

/**
 * A caseworker's field writes, all or nothing: a citizen's field is refused, and so is any field the
 * citizen changed since the base the caseworker edited from (the office reloads and decides; the
 * phone's value is never overwritten unseen). The result must still pass the service's schema.
 */
export function mergeStaffChanges(record: RecordState, changes: readonly FieldChange[]): StaffMerge {
  const known = serviceOf(record.service);
  if (known === undefined) return { ok: false, decision: refuse('service.notAvailable') };
  const merge = mergeFields({
    current: record.fields,
    changes,
    actor: 'caseworker',
    policy: known.definition.policy,
    submitted: true,
  });
  if (merge.rejected.length > 0) {
    const paths = merge.rejected.map(({ path }) => path);
    return {
      ok: false,
      decision: refuse('field.citizenOwned', { issues: pathIssues(paths, 'field.citizenOwned') }),
    };
  }
  if (merge.conflicts.length > 0) {
    return { ok: false, decision: refuse('field.conflict', { conflicts: merge.conflicts }) };
  }
  const check = checkedFields(known.service, merge.next, record.fields);
  if (!check.ok) return { ok: false, decision: refuse('record.invalid', { issues: check.issues }) };
  return { ok: true, fields: check.fields, changed: changedPaths(record.fields, check.fields) };
}
