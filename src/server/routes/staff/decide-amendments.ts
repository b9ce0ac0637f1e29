import type { Hono } from 'hono';
import * as v from 'valibot';
import type { StaffDeps } from './staff-deps';
import { parseBody, parseRecordId, runStaffAction } from './staff-request';

/** Enough for every frozen field of any service at once, small enough to keep a decision quick. */
const AMENDMENTS_PER_DECISION_MAX = 50;

const DecisionBodySchema = v.strictObject({
  decision: v.picklist(['accept', 'decline'], 'decision.invalid'),
  amendmentIds: v.pipe(
    v.array(v.pipe(v.string('amendmentId.invalid'), v.uuid('amendmentId.invalid')), 'amendmentIds.invalid'),
    v.minLength(1, 'amendmentIds.empty'),
    v.maxLength(AMENDMENTS_PER_DECISION_MAX, 'amendmentIds.tooMany'),
    v.check((ids) => new Set(ids).size === ids.length, 'amendmentIds.duplicate'),
  ),
});

/**
 * POST /api/staff/records/:recordId/amendments {decision, amendmentIds} — accept or decline several
 * changes of one record together, all or nothing: changes that depend on each other (a property moved
 * to another oblast changes its oblast and settlement) pass the schema only when accepted together.
 */
export function registerDecideAmendments(app: Hono, deps: StaffDeps): void {
  app.post('/api/staff/records/:recordId/amendments', deps.requireStaff, async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    const body = await parseBody(c, DecisionBodySchema);
    if (!body.ok) return body.response;
    return runStaffAction(c, deps, recordId.value, {
      type: 'decideAmendment',
      amendmentIds: body.value.amendmentIds,
      decision: body.value.decision,
    });
  });
}
