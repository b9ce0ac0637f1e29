import type { Hono } from 'hono';
import { apiError } from '../../api-error';
import type { Log } from '../../log';
import { toRecordChange } from '../../store/decisions/snapshot';
import type { Store, StoredRecord } from '../../store/store';
import { storeUnavailable } from '../sync-push';
import { parseRecordId, STAFF_TOKEN_SCOPE } from './staff-request';

/** GET /api/staff/records/:recordId — the record as its owner sees it (without the owner's device id). */
export function registerGetRecord(app: Hono, store: Store, log: Log): void {
  app.get('/api/staff/records/:recordId', async (c) => {
    const recordId = parseRecordId(c);
    if (!recordId.ok) return recordId.response;
    let stored: StoredRecord | undefined;
    try {
      stored = await store.getRecord(recordId.value, STAFF_TOKEN_SCOPE);
    } catch (error) {
      return storeUnavailable(c, log, error);
    }
    log.info('audit', {
      actor: 'staffToken',
      action: 'read',
      recordId: recordId.value,
      outcome: stored ? 'done' : 'record.notFound',
    });
    if (stored === undefined) return apiError(c, 404, 'record.notFound', 'No such record');
    return c.json(toRecordChange(stored));
  });
}
