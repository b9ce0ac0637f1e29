import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../../auth';
import type { BlobStore } from '../../blobs';
import type { RouteDeps } from '../route-deps';

export interface StaffDeps extends RouteDeps {
  /** requireUser(['caseworker', 'admin']): 401 without a session, 403 for citizens and volunteers. */
  readonly requireStaff: MiddlewareHandler<AuthEnv>;
  /** Uploaded photo bytes; without a store no photo has arrived, as far as the console can tell. */
  readonly blobs?: BlobStore;
}
