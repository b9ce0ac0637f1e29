import { FINAL_STATUSES, type ValidationIssue } from '../../../shared/domain';
import { type FieldChange, type FieldPolicy, mergeFields, policyKey } from '../../../shared/merge';
import { CHILD_EXISTS, splitPath } from '../../../shared/record';
import { changedPaths } from './changed-paths';
import { checkedFields } from './checked-fields';
import type { ConflictState, NewId, RecordState, RecordWrite } from './record-state';
import { serviceOf } from './service-of';

export type CitizenMerge =
  | { readonly ok: false; readonly reason: string; readonly issues: readonly ValidationIssue[] }
  | {
      readonly ok: true;
      /** Undefined when nothing at all changes (every value was already as asked). */
      readonly write: RecordWrite | undefined;
      readonly version: number;
      readonly conflicts: readonly { readonly conflictId: string; readonly path: string }[];
      readonly amendments: readonly string[];
    };

const INFO_REQUESTS = 'infoRequests';
const ANSWER_FIELDS = new Set(['answer', 'answeredAt']);

/**
 * A citizen's edits to their submitted record, all or nothing as far as refusals go: a path the
 * citizen may not write, an answer to a question the office never asked, or a result that fails
 * the service's schema refuses the whole mutation and writes nothing. Everything else is merged
 * three-way: taken, kept as a conflict for the person to decide, or (frozen fields, and every field
 * once the office has decided) kept as an amendment the office reviews.
 *
 * `openConflicts` are the record's unresolved conflicts the merge may settle: a path the citizen
 * has now set (or asked again about) no longer needs the old question answered.
 */
export function mergeCitizenChanges(input: {
  readonly record: RecordState;
  readonly openConflicts: readonly ConflictState[];
  readonly changes: readonly FieldChange[];
  readonly newId: NewId;
}): CitizenMerge {
  const { record, changes } = input;
  const known = serviceOf(record.service);
  if (known === undefined) return { ok: false, reason: 'service.notAvailable', issues: [] };
  const { service, definition } = known;

  const closed = FINAL_STATUSES.includes(record.status);
  const policy: FieldPolicy = closed
    ? { ...definition.policy, frozenAfterSubmit: changes.map((change) => policyKey(change.path)) }
    : definition.policy;
  const merge = mergeFields({ current: record.fields, changes, actor: 'citizen', policy, submitted: true });

  if (merge.rejected.length > 0) {
    return {
      ok: false,
      reason: 'field.officeOwned',
      issues: merge.rejected.map(({ path, reason }) => ({ field: path, message: reason })),
    };
  }

  const unasked = changes.filter(({ path }) => {
    const parts = splitPath(path);
    if (parts === null || parts.collection !== INFO_REQUESTS || !ANSWER_FIELDS.has(parts.field)) return false;
    return record.fields[`${INFO_REQUESTS}/${parts.childId}/${CHILD_EXISTS}`] !== true;
  });
  if (unasked.length > 0) {
    return {
      ok: false,
      reason: 'infoRequest.notFound',
      issues: unasked.map(({ path }) => ({ field: path, message: 'infoRequest.notFound' })),
    };
  }

  const check = checkedFields(service, merge.next, record.fields);
  if (!check.ok) return { ok: false, reason: check.reason, issues: check.issues };

  const changed = changedPaths(record.fields, check.fields);
  const newConflicts = merge.conflicts.map((conflict) => ({ conflictId: input.newId(), ...conflict }));
  const newAmendments = merge.amendments.map(({ path, value }) => ({
    amendmentId: input.newId(),
    path,
    value,
  }));
  const settledPaths = new Set([
    ...merge.applied,
    ...merge.conflicts.map(({ path }) => path),
    ...merge.amendments.map(({ path }) => path),
  ]);
  const closedConflicts = input.openConflicts
    .filter((conflict) => settledPaths.has(conflict.path))
    .map(({ conflictId }) => ({ conflictId, resolution: 'superseded' as const }));

  const answered = changed.some((path) => {
    const parts = splitPath(path);
    return parts !== null && parts.collection === INFO_REQUESTS && parts.field === 'answer';
  });
  const events = [
    ...(answered ? [{ kind: 'answer' as const }] : []),
    ...newConflicts.map(({ path }) => ({ kind: 'conflict' as const, detail: path })),
    ...newAmendments.map(({ path }) => ({ kind: 'amendment' as const, detail: path })),
  ];

  const version = changed.length > 0 ? record.version + 1 : record.version;
  const nothingToWrite =
    changed.length === 0 &&
    newConflicts.length === 0 &&
    newAmendments.length === 0 &&
    closedConflicts.length === 0;
  return {
    ok: true,
    write: nothingToWrite
      ? undefined
      : {
          recordId: record.recordId,
          clientId: record.clientId,
          ownerUserId: record.ownerUserId,
          fields: check.fields,
          status: record.status,
          version,
          newConflicts,
          closedConflicts,
          newAmendments,
          decidedAmendments: [],
          events,
        },
    version,
    conflicts: newConflicts,
    amendments: newAmendments.map(({ path }) => path),
  };
}
