import type { Hono } from 'hono';
import type { StoredRecord } from '../../store/store';
import { storeUnavailable } from '../sync-push';
import type { StaffDeps } from './staff-deps';
import { photoViewsOf } from './staff-photo-view';
import { staffRecordView } from './staff-record-view';
import { auditRead, parseRecordId, recordNotFound, signedIn, staffScope } from './staff-request';

/**
 * GET /api/staff/records/:recordId — the whole record, if it is in the caller's oblasts, with which
 * of its photos have arrived (while some are still on their way, the console asks list-photos.ts).
 */
export function registerGetRecord(app: Hono, deps: StaffDeps): void {
  app.get('/api/staff/records/:recordId', deps.requireStaff, async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    let stored: StoredRecord | undefined;
    try {
      stored = await deps.store.getRecord(recordId.value, staffScope(signedIn(c).user));
    } catch (error) {
      return storeUnavailable(c, deps.log, error);
    }
    if (stored === undefined) return recordNotFound(c);
    const refused = await auditRead(c, deps, 'record.read', recordId.value);
    if (refused !== undefined) return refused;
    return c.json(staffRecordView(stored, await photoViewsOf(stored, deps)));
  });
}
