import { STATUS_TRANSITIONS } from '../../../shared/domain';
import type { FieldChange } from '../../../shared/merge';
import { CHILD_EXISTS, childPath } from '../../../shared/record';
import { type NewId, unchangedWrite } from './record-state';
import { refuse, type StaffAction, type StaffContext, type StaffDecision } from './staff-action';
import { mergeStaffChanges } from './staff-merge';

export const INFO_REQUESTS = 'infoRequests';

/**
 * The office asks the person a question: a new child row `infoRequests/<id>` the citizen answers in
 * its `answer` field, and the record waits in `needsInformation` (asking again while it waits is fine).
 */
export function decideInfoRequest(
  action: Extract<StaffAction, { type: 'askInformation' }>,
  context: StaffContext,
  now: string,
  newId: NewId,
): StaffDecision {
  const { record } = context;
  if (record === undefined) return refuse('record.notFound');
  const waiting = record.status === 'needsInformation';
  if (!waiting && !STATUS_TRANSITIONS[record.status].includes('needsInformation')) {
    return refuse('status.transitionNotAllowed');
  }

  const requestId = newId();
  const path = (field: string) => childPath(INFO_REQUESTS, requestId, field);
  const changes: FieldChange[] = [
    { path: path(CHILD_EXISTS), base: null, value: true },
    { path: path('question'), base: null, value: action.question },
    { path: path('askedAt'), base: null, value: now },
  ];
  if (!waiting) changes.push({ path: 'status', base: record.status, value: 'needsInformation' });
  const merge = mergeStaffChanges(record, changes);
  if (!merge.ok) return merge.decision;
  return {
    ok: true,
    requestId,
    write: {
      ...unchangedWrite(record),
      fields: merge.fields,
      status: 'needsInformation',
      version: record.version + 1,
      events: [
        { kind: 'infoRequest', detail: requestId },
        ...(waiting ? [] : [{ kind: 'status' as const, detail: 'needsInformation' }]),
      ],
    },
  };
}
