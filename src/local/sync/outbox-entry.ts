import type { Mutation } from '../../shared/protocol';

export interface OutboxEntry {
  /** Per-client increasing id; the server applies each exactly once. */
  mutationId: number;
  recordId: string;
  mutation: Mutation;
  enqueuedAt: string;
}
