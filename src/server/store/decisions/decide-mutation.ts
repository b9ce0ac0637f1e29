import type { Mutation } from '../../../shared/protocol';
import type { Citizen } from './citizen';
import type { MutationDecision } from './decision';
import { placedWrite } from './record-oblast';
import type { ConflictState, NewId, RecordState, StoredWrite } from './record-state';
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

export interface StoredMutationDecision extends MutationDecision {
  readonly write?: StoredWrite;
}

/**
 * One new mutation from `citizen` (not a replay: the store answers those from stored results). The
 * write, if any, carries the oblast its fields now put the record in.
 */
export function decideMutation(
  mutation: Mutation,
  citizen: Citizen,
  context: MutationContext,
  now: string,
  newId: NewId,
): StoredMutationDecision {
  const decision = decide(mutation, citizen, context, now, newId);
  if (decision.write === undefined) return { result: decision.result };
  const service = decision.write.create?.service ?? context.record?.service;
  if (service === undefined) throw new Error('A write to a record that does not exist and is not created');
  return { result: decision.result, write: placedWrite(decision.write, service) };
}

function decide(
  mutation: Mutation,
  citizen: Citizen,
  context: MutationContext,
  now: string,
  newId: NewId,
): MutationDecision {
  switch (mutation.type) {
    case 'record/submit':
      return decideSubmit(mutation, citizen, context.record, now);
    case 'record/setFields':
      return decideSetFields(mutation, citizen, context.record, context.conflicts, newId);
    case 'record/resolveConflict':
      return decideResolveConflict(mutation, citizen, context.record, context.conflicts, newId);
    case 'record/withdraw':
      return decideWithdraw(mutation, citizen, context.record);
  }
}
