import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';

// Files that name the current release: they must be revalidated every time or a phone keeps an
// old shell (and old service worker) for as long as the cache says.
const REVALIDATE = new Set([
  '/',
  '/index.html',
  '/sw.js',
  '/manifest.webmanifest',
  '/staff/',
  '/staff/staff.html',
]);

function cacheControlFor(path: string): string {
  // Hashed file names change with their content, so they can be cached for good.
  if (path.startsWith('/assets/') || path.startsWith('/staff/assets/'))
    return 'public, max-age=31536000, immutable';
  if (REVALIDATE.has(path)) return 'no-cache';
  return 'public, max-age=3600';
}

export function registerStaticApp(app: Hono, staticDir: string): void {
  app.use('*', async (c, next) => {
    await next();
    if (isApi(c.req.path) || c.res.headers.has('Cache-Control')) return;
    if (c.res.status === 200 || c.res.status === 206) c.header('Cache-Control', cacheControlFor(c.req.path));
  });

  // precompressed serves the .br/.gz sibling the build wrote when the browser accepts it.
  app.use('*', serveStatic({ root: staticDir, precompressed: true }));

  // Deep links (e.g. a bookmarked /reports/…) must load the app shell even before the service
  // worker is installed to answer them itself.
  const serveIndex = serveStatic({ root: staticDir, path: 'index.html', precompressed: true });
  // The caseworker console is a separate build under /staff/, never part of the citizen shell.
  const serveStaff = serveStatic({ root: staticDir, path: 'staff/staff.html', precompressed: true });
  app.get('*', async (c, next) => {
    if (isApi(c.req.path) || !wantsPage(c)) return next();
    c.header('Cache-Control', 'no-cache');
    if (c.req.path === '/staff' || c.req.path.startsWith('/staff/')) return serveStaff(c, next);
    return serveIndex(c, next);
  });
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function wantsPage(c: Context): boolean {
  return c.req.header('accept')?.includes('text/html') ?? false;
}
