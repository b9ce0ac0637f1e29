import type { ResolveConflictMutation } from '../../../shared/protocol';
import { acceptedResult, rejectedResult } from '../mutation-outcome';
import { type Citizen, ownedBy } from './citizen';
import { mergeCitizenChanges } from './citizen-merge';
import type { MutationDecision } from './decision';
import { type ConflictState, type NewId, type RecordState, unchangedWrite } from './record-state';

/**
 * `record/resolveConflict`: the person has seen both values and chosen. Keeping the office's value
 * just settles the conflict. Insisting on their own is a fresh citizen edit from the office's value
 * as base, under every rule of an edit: if the office changed the field again meanwhile, that is a
 * new conflict (the old one is superseded), never a silent overwrite.
 */
export function decideResolveConflict(
  mutation: ResolveConflictMutation,
  citizen: Citizen,
  record: RecordState | undefined,
  conflicts: readonly ConflictState[],
  newId: NewId,
): MutationDecision {
  const conflict = conflicts.find((candidate) => candidate.conflictId === mutation.conflictId);
  if (!ownedBy(record, citizen) || conflict === undefined) {
    return { result: rejectedResult(mutation, 'conflict.notFound') };
  }
  if (conflict.resolution !== null) {
    // Settled the same way before (the phone lost the acknowledgement): so it is. Otherwise the
    // conflict the person looked at no longer exists; their next pull shows what replaced it.
    return {
      result:
        conflict.resolution === mutation.choice
          ? acceptedResult(mutation, record)
          : rejectedResult(mutation, 'conflict.notFound'),
    };
  }

  if (mutation.choice === 'server') {
    return {
      result: acceptedResult(mutation, record),
      write: {
        ...unchangedWrite(record),
        closedConflicts: [{ conflictId: conflict.conflictId, resolution: 'server' }],
      },
    };
  }

  const merge = mergeCitizenChanges({
    record,
    openConflicts: conflicts.filter(
      (candidate) => candidate.resolution === null && candidate.conflictId !== conflict.conflictId,
    ),
    changes: [{ path: conflict.path, base: conflict.server, value: conflict.client }],
    newId,
  });
  if (!merge.ok) return { result: rejectedResult(mutation, merge.reason, merge.issues) };
  const write = merge.write ?? unchangedWrite(record);
  return {
    result: acceptedResult(mutation, { version: merge.version, acceptedAt: record.acceptedAt }, merge),
    write: {
      ...write,
      closedConflicts: [
        ...write.closedConflicts,
        { conflictId: conflict.conflictId, resolution: merge.conflicts.length > 0 ? 'superseded' : 'client' },
      ],
    },
  };
}
