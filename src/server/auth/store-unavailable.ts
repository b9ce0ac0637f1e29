import type { Context } from 'hono';
import { apiError } from '../api-error';
import type { Log } from '../log';

const RETRY_AFTER_SECONDS = 5;

/**
 * The identity database failed (down, locked, full). The person did nothing wrong and should try
 * again soon. Only the error's name and code are logged: database messages can quote values.
 */
export function identityUnavailable(c: Context, log: Log, error: unknown): Response {
  log.error('identity.unavailable', {
    name: error instanceof Error ? error.name : typeof error,
    code: String((error as { code?: unknown } | null)?.code ?? ''),
  });
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  return apiError(c, 503, 'identity.unavailable', 'Sign-in is unavailable for a moment; try again shortly');
}
