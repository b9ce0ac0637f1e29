import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address rate limits count. Behind a proxy (TRUST_PROXY=true) the last X-Forwarded-For entry
 * is the one the proxy itself appended, so it is the only one a client cannot forge; without a
 * proxy the header is ignored and the socket address is used. `unknown` when there is neither
 * (app.request() in tests).
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .at(-1);
    if (last !== undefined) return last.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
