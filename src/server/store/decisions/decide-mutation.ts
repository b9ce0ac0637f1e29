import type { Mutation } from '../../../shared/protocol';
import type { MutationDecision } from './decision';
import type { ConflictState, NewId, RecordState } from './record-state';
import { decideResolveConflict } from './resolve-conflict';
import { decideSetFields } from './set-fields';
import { decideSubmit } from './submit';
import { decideWithdraw } from './withdraw';

/** What a store loads, inside its transaction, before deciding a mutation on `mutation.recordId`. */
export interface MutationContext {
  readonly record: RecordState | undefined;
  /** All of the record's conflicts, settled ones included (a replayed resolution finds its own). */
  readonly conflicts: readonly ConflictState[];
}

/** One new mutation from `clientId` (not a replay: the store answers those from stored results). */
export function decideMutation(
  mutation: Mutation,
  clientId: string,
  context: MutationContext,
  now: string,
  newId: NewId,
): MutationDecision {
  switch (mutation.type) {
    case 'record/submit':
      return decideSubmit(mutation, clientId, context.record, now);
    case 'record/setFields':
      return decideSetFields(mutation, clientId, context.record, context.conflicts, newId);
    case 'record/resolveConflict':
      return decideResolveConflict(mutation, clientId, context.record, context.conflicts, newId);
    case 'record/withdraw':
      return decideWithdraw(mutation, clientId, context.record);
  }
}
