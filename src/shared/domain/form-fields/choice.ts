import * as v from 'valibot';

/** One of a fixed set of answers; nothing chosen gives `<field>.required`. */
export function choice<const T extends readonly [string, ...string[]]>(options: T, field: string) {
  return v.picklist(options, `${field}.required`);
}

/** A tick box that must be ticked (e.g. the duties a person takes on). */
export function mustBeTicked(field: string) {
  return v.literal(true, `${field}.required`);
}

/** A yes/no answer; not answered counts as no. */
export const optionalFlag = v.optional(v.boolean('flag.invalid'), false);

/** Several answers from a fixed set, at least one. */
export function multiChoice<const T extends readonly [string, ...string[]]>(options: T, field: string) {
  return v.pipe(
    v.array(v.picklist(options, `${field}.invalid`), `${field}.required`),
    v.minLength(1, `${field}.required`),
    v.transform((values) => [...new Set(values)].sort()),
  );
}

/** Free text with a length limit; optional ones come out as undefined when left empty. */
export function freeText(field: string, max: number, options: { optional?: boolean; min?: number } = {}) {
  const checked = v.pipe(
    v.string(`${field}.required`),
    v.trim(),
    v.nonEmpty(`${field}.required`),
    v.minLength(options.min ?? 1, `${field}.tooShort`),
    v.maxLength(max, `${field}.tooLong`),
  );
  if (!options.optional) return v.config(checked, { abortPipeEarly: true });
  return v.config(
    v.pipe(
      v.optional(v.string(`${field}.required`)),
      v.transform((value) => value?.trim() || undefined),
      v.check((value) => value === undefined || value.length <= max, `${field}.tooLong`),
    ),
    { abortPipeEarly: true },
  );
}
