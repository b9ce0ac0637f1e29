import { Hono } from 'hono';
import { apiError } from './api-error';
import { type Auth, createAuthRoutes, createStaffInviteRoutes } from './auth';
import type { Log } from './log';
import { requestLog } from './request-log';
import { registerHealth } from './routes/health';
import { registerStaff } from './routes/staff';
import { registerStaticApp } from './routes/static-app';
import { registerSyncPull } from './routes/sync-pull';
import { registerSyncPush } from './routes/sync-push';
import { securityHeaders } from './security-headers';
import type { Store } from './store/store';

export interface AppOptions {
  readonly store: Store;
  /** Built client (index.html, assets/…); omitted in API-only tests and when a CDN serves it. */
  readonly staticDir?: string;
  readonly log: Log;
  /** TEMPORARY shared secret for /api/staff/* until caseworker sign-in lands; unset, they answer 404. */
  readonly staffApiToken?: string | undefined;
  /** Sign-in: phone codes, staff passwords, sessions, invites. Without it /api/auth/* does not exist. */
  readonly auth?: Auth;
}

export function createApp({ store, staticDir, log, staffApiToken, auth }: AppOptions): Hono {
  const app = new Hono();

  app.use('*', requestLog(log));
  app.use('*', securityHeaders());
  app.use('/api/*', async (c, next) => {
    await next();
    // Sync answers are per device and change with every push; no cache, shared or private, may keep them.
    c.header('Cache-Control', 'no-store');
  });

  registerHealth(app, store);
  registerSyncPush(app, store, log);
  registerSyncPull(app, store, log);
  if (auth !== undefined) {
    app.route('/api/auth', createAuthRoutes(auth));
    // Before registerStaff: its shared-token guard on /api/staff/* must not stand in front of the
    // cookie-authenticated invite route (a route answered earlier never reaches later middleware).
    app.route('/api/staff/invites', createStaffInviteRoutes(auth));
  }
  registerStaff(app, store, log, staffApiToken);
  app.all('/api/*', (c) => apiError(c, 404, 'route.notFound', 'No such API route'));

  if (staticDir !== undefined) registerStaticApp(app, staticDir);

  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => {
    log.error('request.failed', { name: error.name, message: error.message, stack: error.stack });
    // No stack or message to the client: it helps nobody there and may reveal internals.
    return apiError(c, 500, 'internal', 'Something went wrong on the server');
  });

  return app;
}
