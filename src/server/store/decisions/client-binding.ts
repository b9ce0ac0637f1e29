/**
 * A device profile (client id) belongs to the first person who pushes from it, for good: its
 * mutation ids, stored results and records are theirs. What a push does about the binding, decided
 * from the client's row as the store found it inside its transaction:
 *
 * - `create`: a client id never seen; the store creates it bound to this person.
 * - `bind`: a client id from before sign-in existed (no person yet); the store binds it and this
 *   person adopts the records it submitted (and announces them again, so every device pulls them).
 * - `same`: already this person's.
 * - `otherUser`: someone else's; the whole push is refused and nothing is written.
 */
export type ClientBinding = 'create' | 'bind' | 'same' | 'otherUser';

export function decideClientBinding(
  client: { readonly userId: string | null } | undefined,
  userId: string,
): ClientBinding {
  if (client === undefined) return 'create';
  if (client.userId === null) return 'bind';
  return client.userId === userId ? 'same' : 'otherUser';
}

/** Why a whole push (or pull) is refused; the route answers 403. */
export type ClientRefusal = 'client.otherUser';
