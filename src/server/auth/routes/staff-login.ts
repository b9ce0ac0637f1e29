import type { Hono } from 'hono';
import * as v from 'valibot';
import { parseJsonBody } from '../../json-body';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { setSessionCookie } from '../session-cookie';
import { authFailure } from './auth-failure';
import { deviceIdOf, userView } from './request-parts';

const StaffLoginBody = v.strictObject({
  login: v.pipe(
    v.string('login.required'),
    v.minLength(1, 'login.required'),
    v.maxLength(64, 'login.format'),
  ),
  password: v.pipe(
    v.string('password.required'),
    v.minLength(1, 'password.required'),
    v.maxLength(1024, 'password.tooLong'),
  ),
});

/** POST /staff/login {login, password} → 200 {user} + session cookie; 401 `auth.invalid` whatever was wrong. */
export function registerStaffLogin(routes: Hono<AuthEnv>, auth: Auth): void {
  routes.post('/staff/login', async (c) => {
    const body = await parseJsonBody(c, StaffLoginBody);
    if (!body.ok) return body.response;
    try {
      const signIn = await auth.staffLogin.signIn(
        body.value.login,
        body.value.password,
        auth.clientIp(c),
        deviceIdOf(c),
      );
      setSessionCookie(c, signIn.token, signIn.session.expiresAt, auth.clock());
      return c.json({ user: userView(signIn.user) });
    } catch (error) {
      return authFailure(c, auth.log, error);
    }
  });
}
