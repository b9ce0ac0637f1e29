import type { Hono } from 'hono';
import * as v from 'valibot';
import { parseJsonBody } from '../../json-body';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { authFailure } from './auth-failure';
import { userView } from './request-parts';

const InviteRedeemBody = v.strictObject({
  code: v.pipe(v.string('code.required'), v.minLength(1, 'code.required'), v.maxLength(32, 'code.format')),
});

/** POST /invites/redeem {code} (citizen) → 200 {user} as a volunteer of the invite's oblast. */
export function registerInviteRedeem(routes: Hono<AuthEnv>, auth: Auth): void {
  routes.post('/invites/redeem', auth.requireUser(['citizen']), async (c) => {
    const body = await parseJsonBody(c, InviteRedeemBody);
    if (!body.ok) return body.response;
    try {
      const user = await auth.invites.redeem(c.get('auth').user, body.value.code);
      return c.json({ user: userView(user) });
    } catch (error) {
      return authFailure(c, auth.log, error);
    }
  });
}
