/**
 * Rewrites a mutation queued by an older release into the current protocol's shape. Unknown shapes are
 * left as they are: the server will answer them with a reason the person can see, which is better than
 * silently dropping them.
 */
export function upgradeQueuedMutation(mutation: Record<string, unknown>): Record<string, unknown> {
  if (mutation.type === 'damageReport/submit') {
    const { data, ...rest } = mutation;
    return { ...rest, type: 'record/submit', service: 'damageReport', fields: data ?? {} };
  }
  return mutation;
}
