import type { Hono } from 'hono';
import * as v from 'valibot';
import type { QueueItem } from '../../store/store';
import { storeUnavailable } from '../sync-push';
import type { StaffDeps } from './staff-deps';
import { auditWrite, parseBody, parseRecordId, recordNotFound, signedIn, staffScope } from './staff-request';

// Nothing to choose: the record goes to whoever asks. An assignee in the body would let one
// caseworker hand work (and with it, attention) to another, so any key is refused.
const AssignBodySchema = v.strictObject({});

/** POST /api/staff/records/:recordId/assign (empty body or {}) → the queue item, now assigned to the caller. */
export function registerAssignRecord(app: Hono, deps: StaffDeps): void {
  app.post('/api/staff/records/:recordId/assign', deps.requireStaff, async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    const body = await parseBody(c, AssignBodySchema, { emptyAs: {} });
    if (!body.ok) return body.response;
    const { user } = signedIn(c);
    let item: QueueItem | undefined;
    try {
      item = await deps.store.assignRecord(recordId.value, user.userId, staffScope(user));
    } catch (error) {
      return storeUnavailable(c, deps.log, error);
    }
    if (item === undefined) return recordNotFound(c);
    await auditWrite(c, deps, 'record.assign', recordId.value, null);
    return c.json(item);
  });
}
