import type { RecordStatus, ValidationIssue } from '../../../shared/domain';
import type { FieldChange, FieldConflict } from '../../../shared/merge';
import type { AmendmentState, RecordState, RecordWrite } from './record-state';

/** What a caseworker can do to a record (through /api/staff/*). */
export type StaffAction =
  | { readonly type: 'setStatus'; readonly status: RecordStatus; readonly reason?: string }
  | { readonly type: 'askInformation'; readonly question: string }
  | { readonly type: 'setFields'; readonly changes: readonly FieldChange[] }
  | {
      readonly type: 'decideAmendment';
      /** Decided together (see staff-amendment.ts); the single-amendment route sends a set of one. */
      readonly amendmentIds: readonly string[];
      readonly decision: 'accept' | 'decline';
    };

export type StaffRefusalReason =
  | 'record.notFound'
  | 'service.notAvailable'
  | 'status.transitionNotAllowed'
  | 'status.reasonRequired'
  | 'field.statusReadOnly'
  | 'field.citizenOwned'
  | 'field.conflict'
  | 'record.invalid'
  | 'amendment.notFound'
  | 'amendment.decided';

/** Why nothing was written; the route turns the reason into an HTTP status. */
export interface StaffRefusal {
  readonly reason: StaffRefusalReason;
  readonly issues?: readonly ValidationIssue[];
  /** For `field.conflict`: what the citizen changed since the base the caseworker edited from. */
  readonly conflicts?: readonly FieldConflict[];
}

export type StaffDecision =
  | { readonly ok: true; readonly write?: RecordWrite; readonly requestId?: string }
  | { readonly ok: false; readonly refusal: StaffRefusal };

/** What a store loads, inside its transaction, before deciding a staff action. */
export interface StaffContext {
  readonly record: RecordState | undefined;
  readonly amendments: readonly AmendmentState[];
}

export function refuse(
  reason: StaffRefusalReason,
  details: Omit<StaffRefusal, 'reason'> = {},
): StaffDecision {
  return { ok: false, refusal: { reason, ...details } };
}

export function pathIssues(paths: readonly string[], message: string): ValidationIssue[] {
  return paths.map((path) => ({ field: path, message }));
}
