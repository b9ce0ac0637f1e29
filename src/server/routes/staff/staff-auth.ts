import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { apiError } from '../../api-error';

/**
 * TEMPORARY guard for /api/staff/* until caseworker accounts and roles land: one shared bearer
 * token from STAFF_API_TOKEN. Without it the routes do not exist. Both sides are hashed first so
 * the comparison is constant-time over equal-length buffers and says nothing about the length.
 */
export function staffAuth(token: string | undefined): MiddlewareHandler {
  const expected = token === undefined ? undefined : sha256(token);
  return async (c, next) => {
    if (expected === undefined) return apiError(c, 404, 'route.notFound', 'No such API route');
    const match = /^Bearer ([^\s]+)$/.exec(c.req.header('authorization') ?? '');
    const given = sha256(match?.[1] ?? '');
    if (match === null || !timingSafeEqual(given, expected)) {
      c.header('WWW-Authenticate', 'Bearer');
      return apiError(c, 401, 'auth.required', 'Sign in as a caseworker');
    }
    await next();
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
