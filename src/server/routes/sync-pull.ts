import type { Hono } from 'hono';
import * as v from 'valibot';
import { toValidationIssues } from '../../shared/domain';
import {
  CLIENT_ID_HEADER,
  ClientIdSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullQuerySchema,
} from '../../shared/protocol';
import { apiError } from '../api-error';
import type { Log } from '../log';
import { InvalidCursorError, type Store } from '../store/store';
import { clientOfAnotherUser, protocolOutdated, provisionalUserId, storeUnavailable } from './sync-push';

export function registerSyncPull(app: Hono, store: Store, log: Log): void {
  app.get('/api/sync/pull', async (c) => {
    const protocol = c.req.header(PROTOCOL_HEADER);
    if (protocol === undefined || !/^\d{1,9}$/.test(protocol)) {
      return apiError(c, 400, 'pull.invalid', `Send the ${PROTOCOL_HEADER} header`, [
        { field: PROTOCOL_HEADER, message: 'protocol.invalid' },
      ]);
    }
    if (Number(protocol) !== PROTOCOL_VERSION) return protocolOutdated(c);

    const clientId = v.safeParse(ClientIdSchema, c.req.header(CLIENT_ID_HEADER) ?? '');
    const query = v.safeParse(PullQuerySchema, c.req.query());
    if (!clientId.success || !query.success) {
      const issues = [
        ...(clientId.success ? [] : [{ field: CLIENT_ID_HEADER, message: 'clientId.invalid' }]),
        ...(query.success ? [] : toValidationIssues(query.issues)),
      ];
      return apiError(c, 400, 'pull.invalid', 'The pull request does not match the protocol', issues);
    }

    try {
      const outcome = await store.pull({
        userId: provisionalUserId(clientId.output),
        clientId: clientId.output,
        after: query.output.after,
        limit: query.output.limit,
      });
      if (!outcome.ok) return clientOfAnotherUser(c);
      return c.json(outcome.response);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        return apiError(c, 400, 'pull.invalid', 'Unknown cursor; pull again from the start', [
          { field: 'after', message: 'cursor.invalid' },
        ]);
      }
      return storeUnavailable(c, log, error);
    }
  });
}
