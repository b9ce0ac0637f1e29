import type { Hono } from 'hono';
import * as v from 'valibot';
import { FieldChangeSchema } from '../../../shared/protocol';
import type { StaffDeps } from './staff-deps';
import { parseBody, parseRecordId, runStaffAction } from './staff-request';

const FieldsBodySchema = v.strictObject({
  changes: v.pipe(
    v.array(FieldChangeSchema, 'changes.invalid'),
    v.minLength(1, 'changes.empty'),
    v.maxLength(200, 'changes.tooMany'),
  ),
});

/**
 * POST /api/staff/records/:recordId/fields {changes:[{path, base, value}]} — the office corrects
 * fields, each against the value it loaded; all or nothing.
 */
export function registerCorrectFields(app: Hono, deps: StaffDeps): void {
  app.post('/api/staff/records/:recordId/fields', deps.requireStaff, async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    const body = await parseBody(c, FieldsBodySchema);
    if (!body.ok) return body.response;
    return runStaffAction(c, deps, recordId.value, { type: 'setFields', changes: body.value.changes });
  });
}
