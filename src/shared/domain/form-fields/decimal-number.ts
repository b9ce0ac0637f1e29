import * as v from 'valibot';

/**
 * A number typed on a phone keyboard: "54,3" and "54.3" both mean 54.3 (Ukrainian uses the comma).
 * Stored as a number; a stored number passes again unchanged.
 */
export function decimalNumber(field: string, range: { min: number; max: number }) {
  return v.config(
    v.pipe(
      v.union([v.number(), v.string()], `${field}.required`),
      v.transform((value) => (typeof value === 'number' ? String(value) : value.trim())),
      v.nonEmpty(`${field}.required`),
      v.regex(/^\d{1,7}([.,]\d{1,2})?$/, `${field}.format`),
      v.transform((value) => Number(value.replace(',', '.'))),
      v.minValue(range.min, `${field}.tooSmall`),
      v.maxValue(range.max, `${field}.tooLarge`),
    ),
    { abortPipeEarly: true },
  );
}

/** An optional coordinate or similar machine-made number; null when the person took it back. */
export function optionalNumber(range: { min: number; max: number }, message: string) {
  return v.nullish(
    v.pipe(
      v.number(message),
      v.finite(message),
      v.minValue(range.min, message),
      v.maxValue(range.max, message),
    ),
  );
}
