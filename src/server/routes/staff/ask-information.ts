import type { Hono } from 'hono';
import * as v from 'valibot';
import type { StaffDeps } from './staff-deps';
import { parseBody, parseRecordId, runStaffAction } from './staff-request';

const InfoRequestBodySchema = v.strictObject({
  question: v.pipe(
    v.string('question.invalid'),
    v.trim(),
    v.minLength(1, 'question.required'),
    v.maxLength(1000, 'question.tooLong'),
  ),
});

/** POST /api/staff/records/:recordId/info-requests {question} — ask the applicant for more. */
export function registerAskInformation(app: Hono, deps: StaffDeps): void {
  app.post('/api/staff/records/:recordId/info-requests', deps.requireStaff, async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    const body = await parseBody(c, InfoRequestBodySchema);
    if (!body.ok) return body.response;
    return runStaffAction(c, deps, recordId.value, { type: 'askInformation', question: body.value.question });
  });
}
