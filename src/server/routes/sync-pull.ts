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
import { InvalidCursorError } from '../store/store';
import { citizenView } from './citizen-view';
import type { RouteDeps } from './route-deps';
import { clientOfAnotherUser, protocolOutdated, storeUnavailable } from './sync-push';

/**
 * GET /api/sync/pull — the signed-in person's records (from any of their devices) changed since the
 * cursor, as they may see them (no office-only fields).
 */
export function registerSyncPull(app: Hono, { store, log, auth }: RouteDeps): void {
  app.get('/api/sync/pull', auth.requireUser(['citizen', 'volunteer']), async (c) => {
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
        userId: c.get('auth').user.userId,
        clientId: clientId.output,
        after: query.output.after,
        limit: query.output.limit,
      });
      if (!outcome.ok) return clientOfAnotherUser(c);
      const { response } = outcome;
      return c.json({ ...response, changes: response.changes.map(citizenView) });
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
