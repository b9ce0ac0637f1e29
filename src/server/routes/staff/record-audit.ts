import type { Hono } from 'hono';
import type { AuditEntry } from '../../identity-store';
import { storeUnavailable } from '../sync-push';
import type { StaffDeps } from './staff-deps';
import { auditRead, scopedRecord } from './staff-request';

/** The newest entries of one record's audit trail a page shows. */
const AUDIT_PAGE = 500;

export interface AuditEntryView {
  readonly at: string;
  /** Who: the user id (null for the system), and what kind of account it was. */
  readonly actorUserId: string | null;
  readonly actorKind: string;
  readonly action: string;
  readonly detail: string | null;
}

function auditEntryView(entry: AuditEntry): AuditEntryView {
  return {
    at: entry.at.toISOString(),
    actorUserId: entry.actorUserId,
    actorKind: entry.actorKind,
    action: entry.action,
    detail: entry.detail,
  };
}

/**
 * GET /api/staff/records/:recordId/audit → {entries} — who read or changed the record, and when,
 * newest first; only for a record in the caller's oblasts. Looking at the trail is itself audited.
 */
export function registerRecordAudit(app: Hono, deps: StaffDeps): void {
  app.get('/api/staff/records/:recordId/audit', deps.requireStaff, async (c) => {
    const found = await scopedRecord(c, deps);
    if (!found.ok) return found.response;
    const { recordId } = found.value;
    const refused = await auditRead(c, deps, 'record.auditRead', recordId);
    if (refused !== undefined) return refused;
    let entries: AuditEntry[];
    try {
      entries = await deps.auth.store.listAudit({ recordId: recordId, limit: AUDIT_PAGE });
    } catch (error) {
      return storeUnavailable(c, deps.log, error);
    }
    return c.json({ entries: entries.map(auditEntryView) });
  });
}
