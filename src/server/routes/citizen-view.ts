import type { RecordChange } from '../../shared/protocol';

/**
 * Fields the office keeps for itself: on the record (so the merge's ownership rules guard them, and
 * caseworkers see them) but never in what the person's phone pulls.
 */
export const OFFICE_ONLY_FIELDS: ReadonlySet<string> = new Set(['officeNote']);

/**
 * A record as its owner may see it: without the office-only fields, and without the timeline's
 * corrections of them (the fact that a caseworker edited an internal note is internal too).
 */
export function citizenView(change: RecordChange): RecordChange {
  return {
    ...change,
    fields: Object.fromEntries(
      Object.entries(change.fields).filter(([path]) => !OFFICE_ONLY_FIELDS.has(path)),
    ),
    timeline: change.timeline.filter(
      (event) =>
        !(event.kind === 'correction' && event.detail !== undefined && OFFICE_ONLY_FIELDS.has(event.detail)),
    ),
  };
}
