import type { Hono } from 'hono';
import { apiError } from '../../api-error';
import { InvalidCursorError, InvalidQueueFilterError, type QueuePage } from '../../store/store';
import { storeUnavailable } from '../sync-push';
import type { StaffDeps } from './staff-deps';
import { parseQuery, QueueQuerySchema } from './staff-query';
import { auditRead, signedIn, staffScope } from './staff-request';

/**
 * GET /api/staff/records?service=&status=&from=&to=&after=&limit= → {items, next}: the queue of the
 * caller's oblasts, newest accepted first. Items carry no personal data (reference, service, status,
 * office, dates, assignee); the page view is audited once, not per item.
 */
export function registerListRecords(app: Hono, deps: StaffDeps): void {
  app.get('/api/staff/records', deps.requireStaff, async (c) => {
    const query = parseQuery(c, QueueQuerySchema);
    if (!query.ok) return query.response;
    const { service, status, from, to, after, limit } = query.value;
    let page: QueuePage;
    try {
      page = await deps.store.listQueue({
        oblasts: staffScope(signedIn(c).user),
        service,
        status,
        from,
        to,
        after,
        limit,
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        return apiError(c, 400, 'query.invalid', 'Unknown cursor; load the queue from the start', [
          { field: 'after', message: 'cursor.invalid' },
        ]);
      }
      if (error instanceof InvalidQueueFilterError) {
        return apiError(c, 400, 'query.invalid', 'The query does not match the API', [
          { field: error.field, message: `${error.field}.invalid` },
        ]);
      }
      return storeUnavailable(c, deps.log, error);
    }
    const refused = await auditRead(c, deps, 'queue.list', null, `items=${page.items.length}`);
    if (refused !== undefined) return refused;
    return c.json({ items: page.items, next: page.next });
  });
}
