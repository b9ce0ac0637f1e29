import type { Context } from 'hono';
import * as v from 'valibot';
import { toValidationIssues } from '../shared/domain/validation-issue';
import { apiError } from './api-error';
import { readLimitedBody } from './limited-body';

/** Sign-in bodies are a few short strings; anything bigger is not one of ours. */
export const SMALL_BODY_MAX_BYTES = 4 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });
// Keys that would reach an object's prototype if a later step ever merged the body into an object.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly response: Response };

class ForbiddenKey extends Error {}

/**
 * A bounded JSON body that matches `schema` (strict objects: unknown keys are refused, so nobody sets
 * an owner, a scope or an assignee by adding a key), or the 4xx that says why: 415 for another content
 * type, 413 over the limit, 400 for malformed JSON, prototype keys at any depth, or a shape that does
 * not match. Never throws for bad input. `emptyAs` stands in for an empty body where it is optional.
 * Used by the sign-in and the caseworker routes alike.
 */
export async function parseJsonBody<TSchema extends v.GenericSchema>(
  c: Context,
  schema: TSchema,
  options: { readonly emptyAs?: unknown; readonly maxBytes?: number; readonly firstIssueOnly?: boolean } = {},
): Promise<Parsed<v.InferOutput<TSchema>>> {
  const maxBytes = options.maxBytes ?? SMALL_BODY_MAX_BYTES;
  const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  const body = await readLimitedBody(c.req.raw, maxBytes);
  if (!body.ok) {
    const response =
      body.problem === 'tooLarge'
        ? apiError(c, 413, 'payload.tooLarge', `A request may be at most ${maxBytes} bytes`)
        : body.problem === 'encodingUnsupported'
          ? apiError(c, 415, 'encoding.unsupported', 'Only gzip content encoding is accepted')
          : body.problem === 'incomplete'
            ? apiError(c, 400, 'request.incomplete', 'The connection broke before the body ended')
            : apiError(c, 400, 'encoding.malformed', 'The gzip body could not be decompressed');
    return { ok: false, response };
  }
  let json: unknown;
  if (body.bytes.byteLength === 0 && options.emptyAs !== undefined) {
    json = options.emptyAs;
  } else {
    if (contentType !== 'application/json') {
      return {
        ok: false,
        response: apiError(c, 415, 'contentType.unsupported', 'Send the body as application/json'),
      };
    }
    try {
      json = JSON.parse(utf8.decode(body.bytes), (key, value: unknown) => {
        if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey();
        return value;
      });
    } catch (error) {
      if (error instanceof ForbiddenKey) {
        return { ok: false, response: apiError(c, 400, 'json.forbiddenKey', 'The body has a forbidden key') };
      }
      return { ok: false, response: apiError(c, 400, 'json.malformed', 'The body is not valid UTF-8 JSON') };
    }
  }
  const parsed = v.safeParse(schema, json, { abortPipeEarly: options.firstIssueOnly ?? true });
  if (parsed.success) return { ok: true, value: parsed.output };
  return {
    ok: false,
    response: apiError(c, 400, 'request.invalid', 'The request does not match the API', [
      ...toValidationIssues(parsed.issues),
    ]),
  };
}
