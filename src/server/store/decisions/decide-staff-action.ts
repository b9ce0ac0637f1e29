import type { NewId } from './record-state';
import type { StaffAction, StaffContext, StaffDecision } from './staff-action';
import { decideAmendment } from './staff-amendment';
import { decideStaffFields } from './staff-fields';
import { decideInfoRequest } from './staff-info-request';
import { decideStatus } from './staff-status';

export function decideStaffAction(
  action: StaffAction,
  context: StaffContext,
  now: string,
  newId: NewId,
): StaffDecision {
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
