import type { Mutation, PullResponse, PushResponse, RecordChange } from '../../shared/protocol';
import type { RecordBundle } from './decisions/record-state';
import type { StaffAction, StaffRefusal } from './decisions/staff-action';

export type StoreKind = 'sqlite' | 'postgres';

/** A record as the server keeps it, with every conflict (settled ones too), amendment and event. */
export type StoredRecord = RecordBundle;

export interface PushInput {
  readonly clientId: string;
  readonly mutations: readonly Mutation[];
}

export type StaffOutcome =
  | { readonly ok: true; readonly record: RecordChange; readonly requestId?: string }
  | { readonly ok: false; readonly refusal: StaffRefusal };

/**
 * Both backends implement the same contract (tests/integration/store-contract.ts) with the same
 * decisions (./decisions/): a mutation id at or below the client's last one is answered from the
 * stored result and never written again, for as long as the database lives; every change to a
 * record writes one change-log row in the same transaction as the change.
 */
export interface Store {
  readonly kind: StoreKind;
  /** One transaction: every result is stored or none is; a database error rejects the promise. */
  applyPush(request: PushInput, now: Date): Promise<PushResponse>;
  /**
   * The latest snapshot of each of the client's records changed after `after` (the opaque cursor of
   * a previous pull, '' for the start). Throws InvalidCursorError.
   */
  pull(clientId: string, after: string, limit: number): Promise<PullResponse>;
  /** A caseworker's action on one record, decided and written in one transaction. */
  applyStaffAction(recordId: string, action: StaffAction, now: Date): Promise<StaffOutcome>;
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
