import type { Hono } from 'hono';
import type { StaffDeps } from './staff-deps';
import { photoViewsOf } from './staff-photo-view';
import { staffRecordView } from './staff-record-view';
import { auditRead, scopedRecord } from './staff-request';

/**
 * GET /api/staff/records/:recordId — the whole record, if it is in the caller's oblasts, with which
 * of its photos have arrived (while some are still on their way, the console asks list-photos.ts).
 */
export function registerGetRecord(app: Hono, deps: StaffDeps): void {
  app.get('/api/staff/records/:recordId', deps.requireStaff, async (c) => {
    const found = await scopedRecord(c, deps);
    if (!found.ok) return found.response;
    const { recordId, stored } = found.value;
    const refused = await auditRead(c, deps, 'record.read', recordId);
    if (refused !== undefined) return refused;
    return c.json(staffRecordView(stored, await photoViewsOf(stored, deps)));
  });
}
