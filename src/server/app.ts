import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { apiError } from './api-error';
import { type Auth, createAuthRoutes, createStaffInviteRoutes, csrfGuard } from './auth';
import type { BlobStore } from './blobs';
import type { Log } from './log';
import { requestLog } from './request-log';
import { registerHealth } from './routes/health';
import { registerStaff } from './routes/staff';
import { registerGetPhoto } from './routes/staff/get-photo';
import { STAFF_KINDS } from './routes/staff/staff-request';
import { registerStaticApp } from './routes/static-app';
import { registerSyncPull } from './routes/sync-pull';
import { registerSyncPush } from './routes/sync-push';
import { registerUploads } from './routes/uploads/uploads';
import { securityHeaders } from './security-headers';
import type { Store } from './store/store';

export interface AppOptions {
  readonly store: Store;
  /** Built client (index.html, assets/…); omitted in API-only tests and when a CDN serves it. */
  readonly staticDir?: string;
  readonly log: Log;
  /**
   * Sign-in: phone codes, staff passwords, sessions, invites. Every route that reads or writes a
   * record needs a session, so without it only /api/health (and the static files) exist.
   */
  readonly auth?: Auth;
  /**
   * Uploaded photo bytes (content-addressed). Without it (and auth) the upload and staff photo routes
   * do not exist; the record sync works the same either way.
   */
  readonly blobs?: BlobStore;
}

export function createApp({ store, staticDir, log, auth, blobs }: AppOptions): Hono {
  const app = new Hono();

  app.use('*', requestLog(log));
  app.use('*', securityHeaders());
  app.use('/api/*', async (c, next) => {
    await next();
    // API answers are per person and change with every push; no cache, shared or private, may keep them.
    // (A route that already said no-store in its own words, as the staff photo does, keeps them.)
    if (!/no-store/.test(c.res.headers.get('Cache-Control') ?? '')) c.header('Cache-Control', 'no-store');
  });
  // Every write to the API, whatever route it reaches (or none): our Origin and our custom header.
  // The page, the data worker's push and the staff console all send both (see csrf-guard.ts).
  app.use('/api/*', csrfGuard({ publicOrigin: auth?.publicOrigin }));
  // Push answers and pull pages are repetitive JSON: gzip cuts them 3–5× on links where every byte is
  // paid for (the benchmark measured uncompressed replies as the largest part of sync traffic).
  app.use('/api/*', compress({ encoding: 'gzip', threshold: 512 }));

  registerHealth(app, store);
  if (auth !== undefined) {
    registerSyncPush(app, { store, log, auth });
    registerSyncPull(app, { store, log, auth });
    app.route('/api/auth', createAuthRoutes(auth));
    // Caseworkers only (admins make no invites); its own guard, so it stays outside the staff
    // routes' caseworker-or-admin check.
    app.route('/api/staff/invites', createStaffInviteRoutes(auth));
    registerStaff(app, { store, log, auth, blobs });
    if (blobs !== undefined) {
      registerUploads(app, { store, log, auth, blobs });
      registerGetPhoto(app, { store, log, auth, blobs, requireStaff: auth.requireUser(STAFF_KINDS) });
    }
  }
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
