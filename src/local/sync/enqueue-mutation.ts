import type { Mutation } from '../../shared/protocol';
import type { LocalDatabase } from '../database/local-database';
import { META_NEXT_MUTATION_ID } from '../database/meta-keys';

type MutationBody = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'id'> : never) : never;

/**
 * Gives the mutation the next per-client id and puts it in the outbox. Must run inside a transaction
 * that includes `outbox` and `meta`, together with the record change it belongs to.
 */
export async function enqueueMutation(db: LocalDatabase, body: MutationBody, now: Date): Promise<number> {
  const counter = await db.meta.get(META_NEXT_MUTATION_ID);
  const mutationId = typeof counter?.value === 'number' ? counter.value : 1;
  await db.meta.put({ key: META_NEXT_MUTATION_ID, value: mutationId + 1 });
  const mutation = { ...body, id: mutationId } as Mutation;
  await db.outbox.add({ mutationId, recordId: body.recordId, mutation, enqueuedAt: now.toISOString() });
  return mutationId;
}
