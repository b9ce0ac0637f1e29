import * as v from 'valibot';

// Every 4xx/5xx from the API has this shape, so clients can show the reason in the person's language.
export const ErrorBodySchema = v.object({
  error: v.string(),
  message: v.string(),
  issues: v.optional(v.array(v.object({ field: v.string(), message: v.string() }))),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
