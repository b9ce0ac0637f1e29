import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { toValidationIssues } from '../../shared/domain';
import { PROTOCOL_VERSION, PUSH_MAX_BYTES, PushRequestSchema } from '../../shared/protocol';
import { apiError } from '../api-error';
import { readLimitedBody } from '../limited-body';
import type { Log } from '../log';
import type { RouteDeps } from './route-deps';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * POST /api/sync/push — a signed-in citizen or volunteer sends their device's queue. Whose records
 * they become is the session's person, never anything in the body; a device profile already bound
 * to another person is refused as a whole (403, nothing written).
 */
export function registerSyncPush(app: Hono, { store, log, auth }: RouteDeps): void {
  app.post('/api/sync/push', auth.requireUser(['citizen', 'volunteer']), async (c) => {
    if (!isJson(c.req.header('content-type'))) {
      return apiError(c, 415, 'contentType.unsupported', 'Send the body as application/json');
    }
    const body = await readLimitedBody(c.req.raw, PUSH_MAX_BYTES);
    if (!body.ok) {
      if (body.problem === 'tooLarge') {
        return apiError(
          c,
          413,
          'payload.tooLarge',
          `A push may be at most ${PUSH_MAX_BYTES} bytes; send fewer mutations`,
        );
      }
      if (body.problem === 'encodingUnsupported') {
        return apiError(c, 415, 'encoding.unsupported', 'Only gzip content encoding is accepted');
      }
      if (body.problem === 'incomplete') {
        return apiError(c, 400, 'request.incomplete', 'The connection broke before the body ended');
      }
      return apiError(c, 400, 'encoding.malformed', 'The gzip body could not be decompressed');
    }

    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(body.bytes));
    } catch {
      return apiError(c, 400, 'json.malformed', 'The body is not valid UTF-8 JSON');
    }

    // Before the full schema: a client from an older release may send a shape this one no longer
    // parses, and it needs "please update", not a list of field errors it cannot fix.
    if (hasOtherProtocolVersion(json)) return protocolOutdated(c);

    const parsed = v.safeParse(PushRequestSchema, json);
    if (!parsed.success) {
      return apiError(c, 400, 'push.invalid', 'The push request does not match the protocol', [
        ...toValidationIssues(parsed.issues),
      ]);
    }

    const { clientId, mutations } = parsed.output;
    try {
      const outcome = await store.applyPush(
        { clientId, userId: c.get('auth').user.userId, mutations },
        new Date(),
      );
      if (!outcome.ok) return clientOfAnotherUser(c);
      return c.json(outcome.response);
    } catch (error) {
      return storeUnavailable(c, log, error);
    }
  });
}

/** The device profile belongs to someone else: nothing was written or read. */
export function clientOfAnotherUser(c: Context): Response {
  return apiError(c, 403, 'client.otherUser', 'This device profile belongs to another person');
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function hasOtherProtocolVersion(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    'protocolVersion' in json &&
    json.protocolVersion !== PROTOCOL_VERSION
  );
}

export function protocolOutdated(c: Context): Response {
  return apiError(c, 426, 'protocol.outdated', 'Please update the app');
}

/**
 * The client keeps its queue and retries; 503 with Retry-After tells it (and any proxy) that the
 * request was fine and nothing was written, unlike a 500 which suggests the request was at fault.
 */
export function storeUnavailable(c: Context, log: Log, error: unknown): Response {
  const { name, message } = error instanceof Error ? error : { name: 'unknown', message: String(error) };
  log.error('store.failed', { name, message });
  c.header('Retry-After', '5');
  return apiError(
    c,
    503,
    'store.unavailable',
    'The server cannot save right now; your data is kept and will be sent again',
  );
}
