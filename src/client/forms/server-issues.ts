import type { LocalRecord } from '../../local/records/local-record';
import type { ValidationIssue } from '../../shared/domain/validation-issue';
import { type FormSpec, stepOfField } from './form-spec';

/**
 * What the server refused, to show when the form opens: the issues of a record in 'attention' (the
 * push was rejected with field-level reasons), and the step to start on — the first step that holds one
 * of those fields, or `fallback` when none is known (a reason without a field, or a field no step has).
 */
export function serverIssuesOnOpen(
  spec: FormSpec,
  record: Pick<LocalRecord, 'state' | 'attention'>,
  fallback: number,
): { readonly issues: readonly ValidationIssue[]; readonly startStep: number } {
  if (record.state !== 'attention' || !record.attention) return { issues: [], startStep: fallback };
  const issues = record.attention.issues;
  const steps = issues.map((issue) => stepOfField(spec, issue.field)).filter((step) => step >= 0);
  return { issues, startStep: steps.length > 0 ? Math.min(...steps) : fallback };
}
