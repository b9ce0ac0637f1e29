import { type Handler, Hono } from 'hono';
import * as v from 'valibot';
import { OBLAST_CODES } from '../../../shared/domain/oblasts';
import { apiError } from '../../api-error';
import { parseJsonBody } from '../../json-body';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { csrfGuard } from '../csrf-guard';
import { authFailure } from './auth-failure';

const InviteCreateBody = v.strictObject({
  oblast: v.optional(v.picklist(OBLAST_CODES, 'oblast.unknown')),
});

/**
 * POST (under /api/staff/invites) {oblast?} → 201 {code, expiresAt, oblast}. Expects
 * requireUser(['caseworker']) in front; the oblast may be left out by a caseworker with one.
 */
export function createInviteHandler(auth: Auth): Handler<AuthEnv> {
  return async (c) => {
    const signedIn = c.get('auth') as AuthEnv['Variables']['auth'] | undefined;
    if (signedIn === undefined) return apiError(c, 401, 'auth.required', 'Sign in first');
    const body = await parseJsonBody(c, InviteCreateBody, { emptyAs: {} });
    if (!body.ok) return body.response;
    try {
      const invite = await auth.invites.create(signedIn.user, body.value.oblast);
      return c.json(
        { code: invite.code, expiresAt: invite.expiresAt.toISOString(), oblast: invite.oblast },
        201,
      );
    } catch (error) {
      return authFailure(c, auth.log, error);
    }
  };
}

/** The same handler as a sub-app with its guards: `app.route('/api/staff/invites', createStaffInviteRoutes(auth))`. */
export function createStaffInviteRoutes(auth: Auth): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', csrfGuard({ publicOrigin: auth.publicOrigin }));
  routes.post('/', auth.requireUser(['caseworker']), createInviteHandler(auth));
  return routes;
}
