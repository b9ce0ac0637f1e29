import type { FieldMap, FieldValue } from './field-value';

/** The marker path that says a child row exists (true) or was removed (false). */
export const CHILD_EXISTS = '_exists';

export interface ChildRow {
  readonly id: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
}

export function childPath(collection: string, childId: string, field: string): string {
  return `${collection}/${childId}/${field}`;
}

export function splitPath(path: string): { collection: string; childId: string; field: string } | null {
  const parts = path.split('/');
  if (parts.length !== 3) return null;
  return { collection: parts[0]!, childId: parts[1]!, field: parts[2]! };
}

/** Top-level fields only (no child paths). */
export function topLevelFields(map: FieldMap): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [path, value] of Object.entries(map)) if (!path.includes('/')) out[path] = value;
  return out;
}

/** The live rows of one collection, in the order their ids first appear in the map. */
export function childRows(map: FieldMap, collection: string): ChildRow[] {
  const rows = new Map<string, Record<string, FieldValue>>();
  for (const [path, value] of Object.entries(map)) {
    const parts = splitPath(path);
    if (!parts || parts.collection !== collection) continue;
    const row = rows.get(parts.childId) ?? {};
    row[parts.field] = value;
    rows.set(parts.childId, row);
  }
  return [...rows.entries()]
    .filter(([, fields]) => fields[CHILD_EXISTS] === true)
    .map(([id, fields]) => {
      const { [CHILD_EXISTS]: _exists, ...rest } = fields;
      return { id, fields: rest };
    });
}

/** Writes a row's fields (and its existence marker) into a field map. */
export function withChildRow(map: FieldMap, collection: string, row: ChildRow): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { ...map, [childPath(collection, row.id, CHILD_EXISTS)]: true };
  for (const [field, value] of Object.entries(row.fields)) out[childPath(collection, row.id, field)] = value;
  return out;
}

/** Marks a row removed; its other fields stay so a concurrent edit can still be merged or shown. */
export function withoutChildRow(
  map: FieldMap,
  collection: string,
  childId: string,
): Record<string, FieldValue> {
  return { ...map, [childPath(collection, childId, CHILD_EXISTS)]: false };
}
