import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** Over HTTPS: `__Host-` makes the browser refuse it unless Secure, Path=/ and no Domain. */
export const SECURE_SESSION_COOKIE = '__Host-lastivka_session';
/** Over plain HTTP (development, tests on localhost), where a Secure cookie would not be kept. */
export const PLAIN_SESSION_COOKIE = 'lastivka_session';

/** Behind nginx the TLS ends at the proxy, so X-Forwarded-Proto is the sign of HTTPS (as for HSTS). */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function sessionCookieName(c: Context): string {
  return isHttps(c) ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

/**
 * Only the cookie that fits the request's scheme counts: over HTTPS a plain-named cookie could
 * have been planted over HTTP or by a sibling subdomain.
 */
export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, sessionCookieName(c));
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date, now: Date): void {
  const https = isHttps(c);
  setCookie(c, sessionCookieName(c), token, {
    path: '/',
    httpOnly: true,
    // Strict: a link from another site arrives without the session, so no cross-site request can act as the user.
    sameSite: 'Strict',
    secure: https,
    maxAge: Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  setCookie(c, sessionCookieName(c), '', {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    maxAge: 0,
  });
}
