import type * as v from 'valibot';

export interface ValidationIssue {
  /** Field name, e.g. `description`; empty for a problem with the whole object. */
  readonly field: string;
  /** Translation key, e.g. `description.tooShort`. */
  readonly message: string;
}

export function toValidationIssues(issues: readonly v.BaseIssue<unknown>[]): ValidationIssue[] {
  return issues.map((issue) => ({
    field: (issue.path ?? []).map((item) => String(item.key)).join('.'),
    message: issue.message,
  }));
}
