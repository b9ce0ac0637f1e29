import { type FieldMap, type FieldValue, sameValue } from '../../shared/record';

/**
 * The fields a person changed on a submitted record, as one set of values for `edit`. A cleared field is
 * sent as null so the change is not mistaken for "untouched".
 */
export function changedValues(original: FieldMap, current: FieldMap): Record<string, FieldValue> {
  const changes: Record<string, FieldValue> = {};
  for (const path of new Set([...Object.keys(original), ...Object.keys(current)])) {
    const before = original[path];
    const after = current[path];
    if (sameValue(before, after)) continue;
    changes[path] = after === undefined || after === '' ? null : after;
  }
  // Both absent-ish (undefined vs null vs '') is not a change.
  for (const [path, value] of Object.entries(changes)) {
    const before = original[path];
    if (value === null && (before === undefined || before === null || before === '')) delete changes[path];
  }
  return changes;
}
