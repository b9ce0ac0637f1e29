import { placedWrite } from './record-oblast';
import type { NewId, StoredWrite } from './record-state';
import type { StaffAction, StaffContext, StaffDecision } from './staff-action';
import { decideAmendment } from './staff-amendment';
import { decideStaffFields } from './staff-fields';
import { decideInfoRequest } from './staff-info-request';
import { decideStatus } from './staff-status';

export type StoredStaffDecision =
  | { readonly ok: true; readonly write?: StoredWrite; readonly requestId?: string }
  | Extract<StaffDecision, { ok: false }>;

/**
 * A caseworker's action on a record the store found inside the caseworker's scope (one outside it
 * reaches here as `record: undefined`, so it is refused exactly as a missing one). The write carries
 * the oblast its fields now put the record in: an accepted amendment may move it to another queue.
 */
export function decideStaffAction(
  action: StaffAction,
  context: StaffContext,
  now: string,
  newId: NewId,
): StoredStaffDecision {
  const decision = decide(action, context, now, newId);
  if (!decision.ok) return decision;
  const { write, requestId } = decision;
  const placed =
    write === undefined || context.record === undefined
      ? undefined
      : placedWrite(write, context.record.service);
  return {
    ok: true,
    ...(placed === undefined ? {} : { write: placed }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

function decide(action: StaffAction, context: StaffContext, now: string, newId: NewId): StaffDecision {
  switch (action.type) {
    case 'setStatus':
      return decideStatus(action, context);
    case 'askInformation':
      return decideInfoRequest(action, context, now, newId);
    case 'setFields':
      return decideStaffFields(action, context);
    case 'decideAmendment':
      return decideAmendment(action, context);
  }
}
