import type { Hono } from 'hono';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { clearSessionCookie } from '../session-cookie';
import { authFailure } from './auth-failure';

/**
 * POST /sessions/revoke-all → 200 {sessionsEnded} for anyone signed in: every session of the
 * account ends, this one included, and the cookie is cleared. For a phone that was lost or taken:
 * its next request is a 401, and whatever it had not sent stays on it. Reads no body: there is
 * nothing to choose, the page asks for confirmation before it calls.
 */
export function registerRevokeAllSessions(routes: Hono<AuthEnv>, auth: Auth): void {
  routes.post('/sessions/revoke-all', auth.requireUser(), async (c) => {
    let sessionsEnded: number;
    try {
      sessionsEnded = await auth.sessions.revokeAllSessions(c.get('auth').user);
    } catch (error) {
      return authFailure(c, auth.log, error);
    }
    // requireUser may have just re-sent the cookie with a slid expiry; one Set-Cookie per name, the clearing one.
    c.header('Set-Cookie', undefined);
    clearSessionCookie(c);
    return c.json({ sessionsEnded });
  });
}
