import type { Mutation, RecordChange } from '../../shared/protocol';
import type { FieldValue } from '../../shared/record';
import type { LocalRecord, RecordState } from './local-record';

/**
 * The record as the person should see it after a pull: the server's fields with this phone's unsent
 * edits laid over them, in the order they were made. Unsent edits are never lost to a pull; if the
 * office changed the same field, the server reports a conflict when the edit arrives.
 */
export function rebaseRecord(
  local: LocalRecord | undefined,
  change: RecordChange,
  pending: readonly Mutation[],
): LocalRecord {
  const data: Record<string, FieldValue> = { ...change.fields };
  let submitPending = false;
  const resolving = new Set<string>();
  for (const mutation of pending) {
    if (mutation.type === 'record/setFields') {
      for (const item of mutation.changes) data[item.path] = item.value;
    } else if (mutation.type === 'record/resolveConflict') {
      resolving.add(mutation.conflictId);
      const conflict = change.conflicts.find((item) => item.conflictId === mutation.conflictId);
      if (conflict && mutation.choice === 'client') data[conflict.path] = conflict.client;
    } else if (mutation.type === 'record/submit') {
      submitPending = true;
    }
  }
  const state: RecordState =
    pending.length > 0 || submitPending ? 'queued' : local?.state === 'attention' ? 'attention' : 'delivered';
  const newsArrived = local?.server !== undefined && local.server.version < change.version;
  const rebased: LocalRecord = {
    id: change.recordId,
    service: (local?.service ?? change.service) as LocalRecord['service'],
    reference: change.reference,
    state,
    data,
    server: {
      version: change.version,
      status: change.status,
      fields: change.fields,
      conflicts: change.conflicts,
      amendments: change.amendments,
      timeline: change.timeline,
      updatedAt: change.updatedAt,
    },
    createdAt: local?.createdAt ?? change.acceptedAt,
    updatedAt: local?.updatedAt ?? change.updatedAt,
    acceptedAt: change.acceptedAt,
    unseen: (local?.unseen ?? false) || newsArrived,
  };
  if (local?.submittedAt) rebased.submittedAt = local.submittedAt;
  if (state === 'attention' && local?.attention) rebased.attention = local.attention;
  if (resolving.size > 0) rebased.resolvingConflicts = [...resolving];
  return rebased;
}
