import type { Hono } from 'hono';
import type { AuthEnv } from '../auth-env';
import type { Auth } from '../create-auth';
import { userView } from './request-parts';

/** GET /me → {user: {kind, oblasts?, phoneMasked?}} for the signed-in person; 401 otherwise. */
export function registerMe(routes: Hono<AuthEnv>, auth: Auth): void {
  routes.get('/me', auth.requireUser(), (c) => c.json({ user: userView(c.get('auth').user) }));
}
