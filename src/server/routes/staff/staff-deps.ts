import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../../auth';
import type { RouteDeps } from '../route-deps';

export interface StaffDeps extends RouteDeps {
  /** requireUser(['caseworker', 'admin']): 401 without a session, 403 for citizens and volunteers. */
  readonly requireStaff: MiddlewareHandler<AuthEnv>;
}
