/**
 * The oblasts a caseworker works in, or every oblast (an administrator, or the temporary shared staff
 * token). Every staff read and write takes it, and a record outside it is answered exactly as a
 * missing one: the store puts the scope into the query that finds the record, so no route can forget.
 */
export type StaffScope = 'all' | readonly string[];

/** The oblast codes a query must keep to; null for no limit. */
export function scopeOblasts(scope: StaffScope): readonly string[] | null {
  return scope === 'all' ? null : [...new Set(scope)];
}

export function inScope(scope: StaffScope, oblast: string | null): boolean {
  return scope === 'all' || (oblast !== null && scope.includes(oblast));
}
