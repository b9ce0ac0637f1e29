import type { MiddlewareHandler } from 'hono';
import { apiError } from '../api-error';
import type { UserKind } from '../identity-store';
import type { Log } from '../log';
import type { AuthEnv } from './auth-env';
import type { Clock } from './clock';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './session-cookie';
import type { Authenticated, SessionService } from './session-service';
import { identityUnavailable } from './store-unavailable';

export interface SessionDeps {
  readonly sessions: SessionService;
  readonly clock: Clock;
  readonly log: Log;
}

async function authenticateRequest(
  deps: SessionDeps,
  token: string | undefined,
): Promise<Authenticated | null> {
  return token === undefined ? null : deps.sessions.authenticate(token);
}

/**
 * Lets the request through only with a live session of one of `kinds` (any kind when omitted):
 * 401 `auth.required` without one, 403 `auth.forbidden` for the wrong kind. Puts
 * `{user, session}` on the context as `auth`, and re-sends the cookie when the session slid.
 */
export function requireUser(deps: SessionDeps, kinds?: readonly UserKind[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = readSessionToken(c);
    let found: Authenticated | null;
    try {
      found = await authenticateRequest(deps, token);
    } catch (error) {
      return identityUnavailable(c, deps.log, error);
    }
    if (found === null) {
      if (token !== undefined) clearSessionCookie(c);
      return apiError(c, 401, 'auth.required', 'Sign in first');
    }
    if (kinds !== undefined && !kinds.includes(found.user.kind)) {
      return apiError(c, 403, 'auth.forbidden', 'This is not available to your account');
    }
    if (found.renewed) setSessionCookie(c, token!, found.session.expiresAt, deps.clock());
    c.set('auth', { user: found.user, session: found.session });
    await next();
  };
}

/**
 * Like requireUser but never refuses: signed-in requests get `auth`, anonymous ones go on
 * without it (people fill forms before signing in). A failing identity store still answers 503,
 * so a signed-in person is never silently treated as anonymous.
 */
export function identifyUser(
  deps: SessionDeps,
): MiddlewareHandler<{ Variables: Partial<AuthEnv['Variables']> }> {
  return async (c, next) => {
    const token = readSessionToken(c);
    let found: Authenticated | null;
    try {
      found = await authenticateRequest(deps, token);
    } catch (error) {
      return identityUnavailable(c, deps.log, error);
    }
    if (found !== null) {
      if (found.renewed) setSessionCookie(c, token!, found.session.expiresAt, deps.clock());
      c.set('auth', { user: found.user, session: found.session });
    }
    await next();
  };
}
