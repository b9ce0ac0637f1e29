import type { Mutation } from '../../shared/protocol/mutation';
// By its own path: the protocol index would bring every schema into the service worker.
import { PROTOCOL_VERSION } from '../../shared/protocol/protocol-version';
import { gzipBody } from './gzip-body';
import { RetryableSyncError } from './sync-errors';
import { WRITE_HEADERS } from './write-headers';

export interface SyncTransport {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
}

/**
 * One push request, as both senders make it (the data worker, and the service worker with no page
 * open): the protocol's envelope, gzip, the CSRF header, the session cookie. A link that fails before
 * any answer throws RetryableSyncError; every answer is the caller's to read.
 */
export async function sendPushRequest(
  transport: SyncTransport,
  clientId: string,
  mutations: readonly Mutation[],
): Promise<Response> {
  const json = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, mutations });
  const { body, encoding } = await gzipBody(json);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...WRITE_HEADERS };
  if (encoding) headers['content-encoding'] = encoding;
  try {
    return await transport.fetch(`${transport.baseUrl}/api/sync/push`, {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new RetryableSyncError('network.unreachable');
  }
}
