import type { Hono } from 'hono';
import * as v from 'valibot';
import { RECORD_STATUSES } from '../../../shared/domain';
import type { StaffDeps } from './staff-deps';
import { parseBody, parseRecordId, runStaffAction } from './staff-request';

const StatusBodySchema = v.strictObject({
  status: v.picklist(RECORD_STATUSES, 'status.invalid'),
  reason: v.optional(v.pipe(v.string('reason.invalid'), v.maxLength(1000, 'reason.tooLong'))),
});

/** POST /api/staff/records/:recordId/status {status, reason?} — the office's decision or next step. */
export function registerSetStatus(app: Hono, deps: StaffDeps): void {
  app.post('/api/staff/records/:recordId/status', deps.requireStaff, async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    const body = await parseBody(c, StatusBodySchema);
    if (!body.ok) return body.response;
    const { status, reason } = body.value;
    return runStaffAction(c, deps, recordId.value, {
      type: 'setStatus',
      status,
      ...(reason === undefined ? {} : { reason }),
    });
  });
}
