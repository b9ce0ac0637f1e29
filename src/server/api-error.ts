import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../shared/protocol';

/** Every API error leaves through here so its body always matches the shared ErrorBody shape. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  error: string,
  message: string,
  issues?: ErrorBody['issues'],
): Response {
  const body: ErrorBody = issues === undefined ? { error, message } : { error, message, issues };
  return c.json(body, status);
}
