import type { Hono } from 'hono';
import * as v from 'valibot';
import { apiError } from '../../api-error';
import type { StaffDeps } from './staff-deps';
import { parseBody, parseRecordId, runStaffAction } from './staff-request';

const AmendmentIdSchema = v.pipe(v.string(), v.uuid('amendmentId.invalid'));
const DecisionBodySchema = v.strictObject({
  decision: v.picklist(['accept', 'decline'], 'decision.invalid'),
});

/** POST /api/staff/records/:recordId/amendments/:amendmentId {decision} — accept or decline a change. */
export function registerDecideAmendment(app: Hono, deps: StaffDeps): void {
  app.post('/api/staff/records/:recordId/amendments/:amendmentId', deps.requireStaff, async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    const amendmentId = v.safeParse(AmendmentIdSchema, c.req.param('amendmentId'));
    if (!amendmentId.success) {
      return apiError(c, 400, 'request.invalid', 'The amendment id is not valid', [
        { field: 'amendmentId', message: 'amendmentId.invalid' },
      ]);
    }
    const body = await parseBody(c, DecisionBodySchema);
    if (!body.ok) return body.response;
    return runStaffAction(c, deps, recordId.value, {
      type: 'decideAmendment',
      amendmentIds: [amendmentId.output],
      decision: body.value.decision,
    });
  });
}
