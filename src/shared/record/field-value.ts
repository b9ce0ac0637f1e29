import * as v from 'valibot';

/**
 * A record is a flat map of paths to scalar values. Child rows (household members, photos) are paths
 * `collection/childId/field`, never arrays, so the three-way merge works field by field everywhere and
 * two people adding a household member at once both keep theirs.
 */
export type FieldValue = string | number | boolean | null | string[];
export type FieldMap = Readonly<Record<string, FieldValue>>;

export const FIELD_PATH_MAX = 120;
export const FIELD_TEXT_MAX = 4000;
export const FIELD_COUNT_MAX = 600;

export const FieldPathSchema = v.pipe(
  v.string(),
  v.maxLength(FIELD_PATH_MAX, 'path.tooLong'),
  // `field` or `collection/childId/field`; child ids are UUIDs made on the phone.
  v.regex(/^[a-zA-Z][a-zA-Z0-9]*(\/[0-9a-f-]{36}\/[a-zA-Z_][a-zA-Z0-9]*)?$/, 'path.invalid'),
);

export const FieldValueSchema = v.union(
  [
    v.pipe(v.string(), v.maxLength(FIELD_TEXT_MAX, 'value.tooLong')),
    v.pipe(v.number(), v.finite()),
    v.boolean(),
    v.null(),
    v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
  ],
  'value.invalid',
);

export const FieldMapSchema = v.pipe(
  v.record(FieldPathSchema, FieldValueSchema),
  v.check((map) => Object.keys(map).length <= FIELD_COUNT_MAX, 'fields.tooMany'),
);

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const left = a ?? null;
  const right = b ?? null;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => item === right[index]);
  }
  return left === right;
}
