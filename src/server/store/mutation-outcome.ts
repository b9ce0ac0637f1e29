import * as v from 'valibot';
import { DamageReportSchema, toValidationIssues } from '../../shared/domain';
import type { Mutation, MutationResult } from '../../shared/protocol';

// The decisions both stores make about one mutation, kept free of I/O so SQLite (synchronous) and
// PostgreSQL (asynchronous) cannot drift apart in what they accept.

export interface NewRecord {
  readonly recordId: string;
  readonly service: string;
  readonly reference: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly capturedAt: string;
}

export type Validation =
  | { readonly ok: true; readonly record: NewRecord }
  | { readonly ok: false; readonly result: MutationResult };

export function validateMutation(mutation: Mutation): Validation {
  const parsed = v.safeParse(DamageReportSchema, mutation.data);
  if (!parsed.success) {
    return {
      ok: false,
      result: {
        id: mutation.id,
        status: 'rejected',
        recordId: mutation.recordId,
        reason: 'record.invalid',
        issues: toValidationIssues(parsed.issues),
      },
    };
  }
  return {
    ok: true,
    record: {
      recordId: mutation.recordId,
      service: serviceOf(mutation),
      reference: mutation.reference,
      data: parsed.output,
      capturedAt: mutation.capturedAt,
    },
  };
}

/** `damageReport/submit` → `damageReport`: the service is the part of the intent before the slash. */
function serviceOf(mutation: Mutation): string {
  return mutation.type.slice(0, mutation.type.indexOf('/'));
}

export function appliedResult(mutation: Mutation, acceptedAt: string): MutationResult {
  return { id: mutation.id, status: 'applied', recordId: mutation.recordId, acceptedAt };
}

/**
 * The record id exists already. The same client sending it again under a new mutation id (it lost
 * its acknowledgement, e.g. after restoring a backup) gets the original acceptance; anyone else is
 * refused so one device can never overwrite another's record by guessing its id.
 */
export function existingRecordResult(
  mutation: Mutation,
  clientId: string,
  existing: { readonly clientId: string; readonly acceptedAt: string },
): MutationResult {
  if (existing.clientId === clientId) return appliedResult(mutation, existing.acceptedAt);
  return {
    id: mutation.id,
    status: 'rejected',
    recordId: mutation.recordId,
    reason: 'record.idTaken',
    issues: [],
  };
}

/**
 * An id at or below the client's last one that was never stored: ids only grow, so a lower one
 * arriving later is a client bug. Answering (not storing) keeps the stored history exactly-once.
 */
export function outOfOrderResult(mutation: Mutation): MutationResult {
  return {
    id: mutation.id,
    status: 'rejected',
    recordId: mutation.recordId,
    reason: 'mutation.outOfOrder',
    issues: [],
  };
}
