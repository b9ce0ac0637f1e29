import type { ValidationIssue } from '../../shared/domain';
import type { Mutation, MutationResult } from '../../shared/protocol';

// The answers a mutation can get, built in one place so both stores (and every decision) word them
// the same way. Kept free of I/O like the decisions in ./decisions/.

export function rejectedResult(
  mutation: Pick<Mutation, 'id' | 'recordId'>,
  reason: string,
  issues: readonly ValidationIssue[] = [],
): MutationResult {
  return { id: mutation.id, status: 'rejected', recordId: mutation.recordId, reason, issues: [...issues] };
}

/** What happened to an accepted mutation: conflicts outrank amendments, which outrank a plain apply. */
export function acceptedResult(
  mutation: Pick<Mutation, 'id' | 'recordId'>,
  record: { readonly version: number; readonly acceptedAt: string },
  outcome: {
    readonly conflicts?: readonly { readonly conflictId: string; readonly path: string }[];
    readonly amendments?: readonly string[];
  } = {},
): MutationResult {
  const base = {
    id: mutation.id,
    recordId: mutation.recordId,
    version: record.version,
    acceptedAt: record.acceptedAt,
  };
  if (outcome.conflicts !== undefined && outcome.conflicts.length > 0) {
    return {
      ...base,
      status: 'conflict',
      conflicts: outcome.conflicts.map(({ conflictId, path }) => ({ conflictId, path })),
    };
  }
  if (outcome.amendments !== undefined && outcome.amendments.length > 0) {
    return { ...base, status: 'merged', amendments: [...outcome.amendments] };
  }
  return { ...base, status: 'applied' };
}

/**
 * An id at or below the client's last one that was never stored: ids only grow, so a lower one
 * arriving later is a client bug. Answering (not storing) keeps the stored history exactly-once.
 */
export function outOfOrderResult(mutation: Mutation): MutationResult {
  return rejectedResult(mutation, 'mutation.outOfOrder');
}
