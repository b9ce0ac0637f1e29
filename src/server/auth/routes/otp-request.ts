import type { Hono } from 'hono';
import * as v from 'valibot';
import { parseJsonBody } from '../../json-body';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { authFailure } from './auth-failure';
import { deviceIdOf, PhoneInputSchema } from './request-parts';

const OtpRequestBody = v.strictObject({ phone: PhoneInputSchema });

/** POST /otp/request {phone} → 202 {sent: true} for any valid number, whether or not it has an account. */
export function registerOtpRequest(routes: Hono<AuthEnv>, auth: Auth): void {
  routes.post('/otp/request', async (c) => {
    const body = await parseJsonBody(c, OtpRequestBody);
    if (!body.ok) return body.response;
    try {
      await auth.otp.requestCode(body.value.phone, auth.clientIp(c), deviceIdOf(c));
    } catch (error) {
      return authFailure(c, auth.log, error);
    }
    return c.json({ sent: true }, 202);
  });
}
