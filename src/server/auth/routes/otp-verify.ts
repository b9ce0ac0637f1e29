import type { Hono } from 'hono';
import * as v from 'valibot';
import { parseJsonBody } from '../../json-body';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { setSessionCookie } from '../session-cookie';
import { authFailure } from './auth-failure';
import { deviceIdOf, PhoneInputSchema, userView } from './request-parts';

const OtpVerifyBody = v.strictObject({
  phone: PhoneInputSchema,
  code: v.pipe(v.string('code.required'), v.regex(/^\d{6}$/, 'code.format')),
});

/** POST /otp/verify {phone, code} → 200 {user} + session cookie; 401 `otp.invalid` for every kind of wrong code. */
export function registerOtpVerify(routes: Hono<AuthEnv>, auth: Auth): void {
  routes.post('/otp/verify', async (c) => {
    const body = await parseJsonBody(c, OtpVerifyBody);
    if (!body.ok) return body.response;
    try {
      const signIn = await auth.otp.verifyCode(
        body.value.phone,
        body.value.code,
        deviceIdOf(c),
        auth.clientIp(c),
      );
      setSessionCookie(c, signIn.token, signIn.session.expiresAt, auth.clock());
      return c.json({ user: userView(signIn.user) });
    } catch (error) {
      return authFailure(c, auth.log, error);
    }
  });
}
