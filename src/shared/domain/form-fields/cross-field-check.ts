import * as v from 'valibot';

/**
 * A rule between fields (e.g. "RNOKPP is required unless the person has none"), reported at the field
 * the person must fix. It runs even when other fields of the form have problems, so one pass shows
 * every message at once.
 */
export function crossFieldCheck<TInput extends Record<string, unknown>>(
  field: string,
  problem: (input: Partial<TInput>) => string | undefined,
  // biome-ignore lint/suspicious/noExplicitAny: the rule reads a few fields of whatever object schema it follows.
): v.RawCheckAction<any> {
  return v.rawCheck(({ dataset, addIssue }) => {
    const input = (dataset.value ?? {}) as Partial<TInput>;
    if (typeof input !== 'object') return;
    const message = problem(input);
    if (message === undefined) return;
    addIssue({
      message,
      path: [
        {
          type: 'object',
          origin: 'value',
          input: input as Record<string, unknown>,
          key: field,
          value: input[field as keyof TInput],
        },
      ],
    });
  });
}
