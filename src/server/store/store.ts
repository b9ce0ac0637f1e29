import type { Mutation, PullResponse, PushResponse } from '../../shared/protocol';

export type StoreKind = 'sqlite' | 'postgres';

/** A record as the server keeps it; `data` is the validated (normalised) service data. */
export interface StoredRecord {
  readonly recordId: string;
  readonly clientId: string;
  readonly service: string;
  readonly reference: string;
  readonly status: 'received';
  readonly data: Readonly<Record<string, unknown>>;
  readonly capturedAt: string;
  readonly acceptedAt: string;
  readonly updatedAt: string;
}

export interface PushInput {
  readonly clientId: string;
  readonly mutations: readonly Mutation[];
}

/**
 * Both backends implement the same exactly-once contract (tests/integration/store-contract.ts):
 * a mutation id at or below the client's last one is answered from the stored result and never
 * written again, for as long as the database lives.
 */
export interface Store {
  readonly kind: StoreKind;
  /** One transaction: every result is stored or none is; a database error rejects the promise. */
  applyPush(request: PushInput, now: Date): Promise<PushResponse>;
  /** `after` is the opaque cursor of a previous pull, '' for the start. Throws InvalidCursorError. */
  pull(clientId: string, after: string, limit: number): Promise<PullResponse>;
  countRecords(): Promise<number>;
  getRecord(recordId: string): Promise<StoredRecord | undefined>;
  /** Throws when the database or the sync bookkeeping is inconsistent. */
  integrityCheck(): Promise<void>;
  close(): Promise<void>;
}

/** A cursor this store never issued (e.g. one from the other backend); the client should restart from ''. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor.invalid');
    this.name = 'InvalidCursorError';
  }
}
