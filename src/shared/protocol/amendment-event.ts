/** What the office did with a person's amendment. */
export type AmendmentDecision = 'accepted' | 'declined';

// A timeline 'amendment' event is both the person's request and, later, the office's decision on it.
// The decision rides in the detail after the field's path ("propOblast accepted"), so the event kind
// — and the stores' CHECK on it, and the wire's picklist — stays as it is.

export function amendmentEventDetail(path: string, decision?: AmendmentDecision): string {
  return decision === undefined ? path : `${path} ${decision}`;
}

export function readAmendmentEventDetail(detail: string): { path: string; decision?: AmendmentDecision } {
  const [path = '', decision] = detail.split(' ');
  return decision === 'accepted' || decision === 'declined' ? { path, decision } : { path };
}
