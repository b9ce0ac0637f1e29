import type { Context, MiddlewareHandler } from 'hono';
import { apiError } from '../api-error';
import { isHttps } from './session-cookie';

export const CSRF_HEADER = 'x-lastivka-request';

export interface CsrfGuardOptions {
  /** PUBLIC_ORIGIN, e.g. `https://lastivka.example.gov.ua`; derived from the request when unset. */
  readonly publicOrigin?: string | undefined;
}

function ownOrigin(c: Context, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const url = new URL(c.req.url);
  return `${isHttps(c) ? 'https:' : url.protocol}//${url.host}`;
}

/**
 * Writes must come from our own pages: SameSite=Strict already keeps the cookie off cross-site
 * requests, and this adds two checks that do not depend on the browser's cookie rules. The
 * Origin must be ours (a browser always sends it on cross-origin writes; when it is missing,
 * Sec-Fetch-Site must say same-origin), and the request must carry `X-Lastivka-Request: 1`, a
 * header a cross-site form cannot send and a cross-site fetch cannot send without a CORS
 * preflight we never approve.
 */
export function csrfGuard(options: CsrfGuardOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const origin = c.req.header('origin');
    const originOk =
      origin === undefined
        ? c.req.header('sec-fetch-site') === 'same-origin'
        : origin === ownOrigin(c, options.publicOrigin);
    if (!originOk || c.req.header(CSRF_HEADER) !== '1') {
      return apiError(c, 403, 'csrf.rejected', 'This request did not come from the Lastivka app');
    }
    return next();
  };
}
