import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { toValidationIssues } from '../../../shared/domain';
import { RecordIdSchema } from '../../../shared/protocol';
import { apiError } from '../../api-error';
import { readLimitedBody } from '../../limited-body';
import type { Log } from '../../log';
import type { StaffAction, StaffRefusal, StaffRefusalReason } from '../../store/decisions/staff-action';
import type { StaffScope, Store } from '../../store/store';
import { storeUnavailable } from '../sync-push';

// What every staff route does the same way: read and check the input (4xx with reasons, never a
// 5xx for bad input), run the action in the store (503 + Retry-After when it fails), and turn a
// refusal into its HTTP status.

const STAFF_BODY_MAX_BYTES = 64 * 1024;

/** TEMPORARY until caseworker accounts land: the shared staff token sees every oblast. */
export const STAFF_TOKEN_SCOPE: StaffScope = 'all';
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly response: Response };

export function parseRecordId(c: Context): Parsed<string> {
  const parsed = v.safeParse(RecordIdSchema, c.req.param('recordId'));
  if (parsed.success) return { ok: true, value: parsed.output };
  return {
    ok: false,
    response: apiError(c, 400, 'request.invalid', 'The record id is not valid', [
      { field: 'recordId', message: 'recordId.invalid' },
    ]),
  };
}

/** A JSON body of bounded size that matches `schema`. */
export async function parseBody<TSchema extends v.GenericSchema>(
  c: Context,
  schema: TSchema,
): Promise<Parsed<v.InferOutput<TSchema>>> {
  if (c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    return {
      ok: false,
      response: apiError(c, 415, 'contentType.unsupported', 'Send the body as application/json'),
    };
  }
  const body = await readLimitedBody(c.req.raw, STAFF_BODY_MAX_BYTES);
  if (!body.ok) {
    const response =
      body.problem === 'tooLarge'
        ? apiError(c, 413, 'payload.tooLarge', `A request may be at most ${STAFF_BODY_MAX_BYTES} bytes`)
        : body.problem === 'encodingUnsupported'
          ? apiError(c, 415, 'encoding.unsupported', 'Only gzip content encoding is accepted')
          : apiError(c, 400, 'encoding.malformed', 'The gzip body could not be decompressed');
    return { ok: false, response };
  }
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(body.bytes));
  } catch {
    return { ok: false, response: apiError(c, 400, 'json.malformed', 'The body is not valid UTF-8 JSON') };
  }
  const parsed = v.safeParse(schema, json);
  if (parsed.success) return { ok: true, value: parsed.output };
  return {
    ok: false,
    response: apiError(c, 400, 'request.invalid', 'The request does not match the API', [
      ...toValidationIssues(parsed.issues),
    ]),
  };
}

const REFUSALS: Record<StaffRefusalReason, { status: ContentfulStatusCode; message: string }> = {
  'record.notFound': { status: 404, message: 'No such record' },
  'amendment.notFound': { status: 404, message: 'No such amendment on this record' },
  'status.reasonRequired': { status: 400, message: 'A rejection needs a reason the person can read' },
  'field.statusReadOnly': { status: 400, message: 'Change the status through its own route' },
  'field.citizenOwned': { status: 403, message: "These fields are the applicant's to change" },
  'status.transitionNotAllowed': {
    status: 409,
    message: 'The record cannot move to that status from its current one',
  },
  'field.conflict': {
    status: 409,
    message: 'The applicant changed these fields since you loaded the record; reload and decide',
  },
  'amendment.decided': { status: 409, message: 'This amendment has been decided already' },
  'record.invalid': { status: 422, message: 'The record would no longer be valid' },
  'service.notAvailable': { status: 422, message: 'This service is not available on this server' },
};

export function refusalResponse(c: Context, refusal: StaffRefusal): Response {
  const { status, message } = REFUSALS[refusal.reason];
  if (refusal.conflicts !== undefined) {
    return c.json({ error: refusal.reason, message, conflicts: refusal.conflicts }, status);
  }
  return apiError(
    c,
    status,
    refusal.reason,
    message,
    refusal.issues === undefined ? undefined : [...refusal.issues],
  );
}

/** Runs a staff action and answers with the record's new snapshot (and the new question's id). */
export async function runStaffAction(
  c: Context,
  store: Store,
  log: Log,
  recordId: string,
  action: StaffAction,
): Promise<Response> {
  let outcome: Awaited<ReturnType<Store['applyStaffAction']>>;
  try {
    outcome = await store.applyStaffAction(recordId, action, STAFF_TOKEN_SCOPE, new Date());
  } catch (error) {
    return storeUnavailable(c, log, error);
  }
  // Audit trail: who (for now only "the staff token") did what to which record, and how it ended.
  log.info('audit', {
    actor: 'staffToken',
    action: action.type,
    recordId,
    outcome: outcome.ok ? 'done' : outcome.refusal.reason,
  });
  if (!outcome.ok) return refusalResponse(c, outcome.refusal);
  // A new question's id rides along with the snapshot, so every staff answer reads the same way.
  if (outcome.requestId !== undefined) return c.json({ ...outcome.record, requestId: outcome.requestId });
  return c.json(outcome.record);
}
