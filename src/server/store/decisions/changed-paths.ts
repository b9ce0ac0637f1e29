import type { FieldMap } from '../../../shared/record';
import { sameValue } from '../../../shared/record';

/** The paths whose value differs between two states of a record, in the order of `next`. */
export function changedPaths(current: FieldMap, next: FieldMap): string[] {
  const paths = new Set([...Object.keys(next), ...Object.keys(current)]);
  return [...paths].filter((path) => !sameValue(current[path], next[path]));
}
