import * as v from 'valibot';

/** How one text field is judged; every validator in this folder provides these three. */
export interface TextFieldRules<TMessage extends string> {
  /** Message for a missing or blank value. */
  readonly required: TMessage;
  /** The first problem with a trimmed, non-empty value, or undefined when it is acceptable. */
  readonly problem: (value: string) => TMessage | undefined;
  /** The stored form of an acceptable value; applying it twice changes nothing. */
  readonly normalize: (value: string) => string;
}

// The problem is found on what the person typed and only an accepted value is normalised, so a form shows
// one message per field (the most basic one) and stores one spelling of each value. Stored values pass
// again unchanged, which matters because a record saved offline is validated again by the server.
export function requiredTextField<TMessage extends string>(rules: TextFieldRules<TMessage>) {
  return v.config(
    v.pipe(
      v.string(rules.required),
      v.trim(),
      v.nonEmpty(rules.required),
      v.rawCheck<string>(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const message = rules.problem(dataset.value);
        if (message !== undefined) addIssue({ message });
      }),
      v.transform(rules.normalize),
    ),
    { abortPipeEarly: true },
  );
}

// A field the person left empty arrives as '' (an emptied input) or not at all (never touched); both mean
// "not given", so both come out as undefined instead of tripping the "required" message.
export function optionalTextField<TMessage extends string>(rules: TextFieldRules<TMessage>) {
  return v.config(
    v.pipe(
      v.optional(v.string(rules.required)),
      v.transform((value) => value?.trim() || undefined),
      v.rawCheck<string | undefined>(({ dataset, addIssue }) => {
        if (!dataset.typed || dataset.value === undefined) return;
        const message = rules.problem(dataset.value);
        if (message !== undefined) addIssue({ message });
      }),
      v.transform((value) => (value === undefined ? undefined : rules.normalize(value))),
    ),
    { abortPipeEarly: true },
  );
}
