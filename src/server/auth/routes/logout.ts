import type { Hono } from 'hono';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { clearSessionCookie, readSessionToken } from '../session-cookie';
import { authFailure } from './auth-failure';

/**
 * POST /logout → revokes the session behind the cookie (if any) and clears the cookie. Always
 * 200, so a client can sign out whatever state it is in; unsent items stay on the device, which
 * says so before it calls this.
 */
export function registerLogout(routes: Hono<AuthEnv>, auth: Auth): void {
  routes.post('/logout', async (c) => {
    const token = readSessionToken(c);
    try {
      if (token !== undefined) await auth.sessions.revoke(token);
    } catch (error) {
      return authFailure(c, auth.log, error);
    }
    clearSessionCookie(c);
    return c.json({ signedOut: true });
  });
}
