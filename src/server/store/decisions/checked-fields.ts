import { checkSubmission, type Service, type ValidationIssue } from '../../../shared/domain';
import { CASE_FIELD_OWNERS } from '../../../shared/merge';
import type { FieldMap, FieldValue } from '../../../shared/record';

export type CheckedFields =
  | { readonly ok: true; readonly fields: FieldMap }
  | { readonly ok: false; readonly reason: string; readonly issues: readonly ValidationIssue[] };

/** Top-level fields every record has besides its form (status, decisionReason, officeNote). */
const CASE_FIELDS = Object.keys(CASE_FIELD_OWNERS).filter((key) => !key.includes('.'));

/**
 * A record's next state as it is stored: checked against the service's schema and normalised the
 * way the phone normalises before sending (so both sides keep the same merge base). The schema
 * knows only the form, so the case fields are carried over from the input as they are.
 *
 * With `current` (an edit of a stored record), a record that already fails today's schema (kept
 * from an older release whose rules were different) may still be edited as long as the edit adds
 * no problem of its own; it is then stored as merged, without normalising. For a record that passes,
 * this is the plain rule: the next state must pass.
 */
export function checkedFields(service: Service, next: FieldMap, current?: FieldMap): CheckedFields {
  const check = checkSubmission(service, next);
  if (check.ok) {
    const kept: Record<string, FieldValue> = {};
    for (const key of CASE_FIELDS) if (next[key] !== undefined) kept[key] = next[key];
    return { ok: true, fields: { ...check.fields, ...kept } };
  }
  if (current === undefined) return check;
  const before = checkSubmission(service, current);
  if (before.ok) return check;
  const fresh = check.issues.filter(
    (issue) => !before.issues.some((old) => old.field === issue.field && old.message === issue.message),
  );
  return fresh.length > 0 ? { ok: false, reason: check.reason, issues: fresh } : { ok: true, fields: next };
}
