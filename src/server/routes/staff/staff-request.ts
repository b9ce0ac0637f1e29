import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { RecordIdSchema } from '../../../shared/protocol';
import { apiError } from '../../api-error';
import type { AuthContext, AuthEnv } from '../../auth';
import type { User } from '../../identity-store';
import { type Parsed, parseJsonBody } from '../../json-body';
import type { StaffAction, StaffRefusal, StaffRefusalReason } from '../../store/decisions/staff-action';
import type { StaffScope, Store, StoredRecord } from '../../store/store';
import type { RouteDeps } from '../route-deps';
import { storeUnavailable } from '../sync-push';

// What every staff route does the same way: read and check the input (4xx with reasons, never a
// 5xx for bad input), find the record through the caller's scope (outside it is "not found"), run
// the action in the store (503 + Retry-After when it fails), audit what was done, and turn a
// refusal into its HTTP status.

const STAFF_BODY_MAX_BYTES = 64 * 1024;

/** Who may use the caseworker API at all; which records, their scope decides. */
export const STAFF_KINDS = ['caseworker', 'admin'] as const;

export type StaffContext = Context<AuthEnv>;

/** An administrator sees every oblast; a caseworker only their own (none at all if they have none). */
export function staffScope(user: User): StaffScope {
  return user.kind === 'admin' ? 'all' : user.oblasts;
}

export function signedIn(c: StaffContext): AuthContext {
  return c.get('auth');
}

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

/**
 * The record named in the path, read through the caller's scope: 400 for a malformed id, 404 when it
 * does not exist or lies outside the caller's oblasts (the same answer, so scope leaks nothing), 503
 * when the store fails.
 */
export async function scopedRecord(
  c: StaffContext,
  deps: Pick<RouteDeps, 'store' | 'log'>,
): Promise<Parsed<{ readonly recordId: string; readonly stored: StoredRecord }>> {
  const recordId = parseRecordId(c);
  if (!recordId.ok) return recordId;
  let stored: StoredRecord | undefined;
  try {
    stored = await deps.store.getRecord(recordId.value, staffScope(signedIn(c).user));
  } catch (error) {
    return { ok: false, response: storeUnavailable(c, deps.log, error) };
  }
  if (stored === undefined) return { ok: false, response: recordNotFound(c) };
  return { ok: true, value: { recordId: recordId.value, stored } };
}

/** A caseworker request body (see parseJsonBody): up to 64 KB, every problem listed at once. */
export function parseBody<TSchema extends v.GenericSchema>(
  c: Context,
  schema: TSchema,
  options: { readonly emptyAs?: unknown } = {},
): Promise<Parsed<v.InferOutput<TSchema>>> {
  return parseJsonBody(c, schema, { ...options, maxBytes: STAFF_BODY_MAX_BYTES, firstIssueOnly: false });
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

export function recordNotFound(c: Context): Response {
  return apiError(c, 404, 'record.notFound', 'No such record');
}

/**
 * Audits a read before its answer leaves: if the audit log cannot take the row, the person's data
 * is not shown (503), so no read of someone's record goes unrecorded.
 */
export async function auditRead(
  c: StaffContext,
  { auth, log }: RouteDeps,
  action: string,
  recordId: string | null,
  detail: string | null = null,
): Promise<Response | undefined> {
  try {
    await auth.audit(signedIn(c).user, action, recordId, detail);
    return undefined;
  } catch (error) {
    return storeUnavailable(c, log, error);
  }
}

/**
 * Audits a write after it committed. A failure here cannot undo the write (and answering 503 would
 * make the console repeat an action that happened), so it is logged loudly instead; the record's
 * own timeline still shows the change.
 */
export async function auditWrite(
  c: StaffContext,
  { auth, log }: RouteDeps,
  action: string,
  recordId: string,
  detail: string | null,
): Promise<void> {
  try {
    await auth.audit(signedIn(c).user, action, recordId, detail);
  } catch (error) {
    log.error('audit.failed', {
      action,
      recordId,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The audit action and detail of each staff action: ids, statuses and field names, never values. */
function auditOf(action: StaffAction, requestId: string | undefined): { action: string; detail: string } {
  switch (action.type) {
    case 'setStatus':
      return { action: 'record.setStatus', detail: `status=${action.status}` };
    case 'askInformation':
      return { action: 'record.askInformation', detail: `request=${requestId ?? ''}` };
    case 'setFields':
      return {
        action: 'record.correctFields',
        detail: `paths=${action.changes.map((change) => change.path).join(',')}`,
      };
    case 'decideAmendment':
      return {
        action: 'record.decideAmendment',
        detail: `amendment=${action.amendmentIds.join(',')} decision=${action.decision}`,
      };
  }
}

/** Runs a staff action within the caller's scope and answers with the record's new snapshot. */
export async function runStaffAction(
  c: StaffContext,
  deps: RouteDeps,
  recordId: string,
  action: StaffAction,
): Promise<Response> {
  const { store, log } = deps;
  const { user } = signedIn(c);
  let outcome: Awaited<ReturnType<Store['applyStaffAction']>>;
  try {
    outcome = await store.applyStaffAction(recordId, action, staffScope(user), new Date());
  } catch (error) {
    return storeUnavailable(c, log, error);
  }
  if (!outcome.ok) {
    // Refused attempts are not in the audit table (nothing was read or written); the log keeps them.
    log.info('staff.refused', { action: action.type, recordId, reason: outcome.refusal.reason });
    return refusalResponse(c, outcome.refusal);
  }
  const audited = auditOf(action, outcome.requestId);
  await auditWrite(c, deps, audited.action, recordId, audited.detail);
  // A new question's id rides along with the snapshot, so every staff answer reads the same way.
  if (outcome.requestId !== undefined) return c.json({ ...outcome.record, requestId: outcome.requestId });
  return c.json(outcome.record);
}
