import type { Hono } from 'hono';
import type { StaffDeps } from './staff-deps';
import { photoViewsOf } from './staff-photo-view';
import { scopedRecord } from './staff-request';

/**
 * GET /api/staff/records/:recordId/photos → `{ photos }`, as in the record view: which of the
 * record's photos have arrived. The console's record page asks it every 15 s while some are still on
 * their way, instead of reading the whole record again.
 *
 * The only staff read that is not audited. The page got here through an audited read of the whole
 * record (record.read), and this answer shows nothing that read did not: photo ids, sizes, times and
 * whether each photo's bytes are on the server yet. Auditing it would write a row every 15 s per
 * open tab, and bury the reads of people's records the audit log is there to show. The scope check is
 * the record read's own: outside the caller's oblasts the record does not exist.
 */
export function registerListPhotos(app: Hono, deps: StaffDeps): void {
  app.get('/api/staff/records/:recordId/photos', deps.requireStaff, async (c) => {
    const found = await scopedRecord(c, deps);
    if (!found.ok) return found.response;
    return c.json({ photos: await photoViewsOf(found.value.stored, deps) });
  });
}
