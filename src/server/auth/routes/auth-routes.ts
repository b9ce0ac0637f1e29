import { Hono } from 'hono';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { csrfGuard } from '../csrf-guard';
import { registerInviteRedeem } from './invite-redeem';
import { registerLogout } from './logout';
import { registerMe } from './me';
import { registerOtpRequest } from './otp-request';
import { registerOtpVerify } from './otp-verify';
import { registerRevokeAllSessions } from './revoke-all-sessions';
import { registerStaffLogin } from './staff-login';

/**
 * The sign-in API, mounted with `app.route('/api/auth', createAuthRoutes(auth))`. It carries its
 * own CSRF guard: signing someone in to an attacker's account is a CSRF attack too, so these
 * routes are guarded even before a global guard covers the rest of /api.
 */
export function createAuthRoutes(auth: Auth): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', csrfGuard({ publicOrigin: auth.publicOrigin }));
  routes.use('*', async (c, next) => {
    await next();
    // Answers carry session cookies and account details: no cache may keep them, even unwired.
    c.header('Cache-Control', 'no-store');
  });
  registerOtpRequest(routes, auth);
  registerOtpVerify(routes, auth);
  registerStaffLogin(routes, auth);
  registerLogout(routes, auth);
  registerRevokeAllSessions(routes, auth);
  registerMe(routes, auth);
  registerInviteRedeem(routes, auth);
  return routes;
}
