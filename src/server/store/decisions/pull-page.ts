/**
 * A page of change-log rows may name one record several times; its snapshot is sent once, at the
 * place of its latest change, so the phone applies snapshots in the order the records last changed.
 */
export function latestPerRecord(recordIds: readonly string[]): string[] {
  const lastIndex = new Map<string, number>();
  for (const [index, recordId] of recordIds.entries()) lastIndex.set(recordId, index);
  return [...lastIndex.entries()].sort((a, b) => a[1] - b[1]).map(([recordId]) => recordId);
}
