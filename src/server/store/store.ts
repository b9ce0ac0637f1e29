import type { RecordStatus, Service } from '../../shared/domain';
import type { Mutation, PullResponse, PushResponse, RecordChange } from '../../shared/protocol';
import type { FieldMap } from '../../shared/record';
import type { ClientRefusal } from './decisions/client-binding';
import type { QueueFilterInput } from './decisions/queue-query';
import type { RecordBundle } from './decisions/record-state';
import type { StaffAction, StaffRefusal } from './decisions/staff-action';
import type { StaffScope } from './decisions/staff-scope';

export type { ClientRefusal } from './decisions/client-binding';
export { InvalidCursorError } from './decisions/invalid-cursor';
export { EXPORT_MAX_ROWS, InvalidQueueFilterError, QUEUE_MAX_LIMIT } from './decisions/queue-query';
export type { StaffScope } from './decisions/staff-scope';

export type StoreKind = 'sqlite' | 'postgres';

/**
 * A record as the server keeps it, with every conflict (settled ones too), amendment and event; its
 * `record` carries the owner, the oblast and the assignee, which the phone's snapshot leaves out.
 */
export type StoredRecord = RecordBundle;

export interface PushInput {
  /** The device profile sending (its mutation ids are counted per client id). */
  readonly clientId: string;
  /** The signed-in person; the route takes it from the session, never from the body. */
  readonly userId: string;
  readonly mutations: readonly Mutation[];
}

/** A refused push or pull wrote nothing; the route answers 403. */
export type PushOutcome =
  | { readonly ok: true; readonly response: PushResponse }
  | { readonly ok: false; readonly refusal: ClientRefusal };

export interface PullInput {
  /** Whose records: every record this person owns, whichever of their devices submitted it. */
  readonly userId: string;
  /** The device asking, for its `lastMutationId`. */
  readonly clientId: string;
  /** The opaque cursor of a previous pull, '' for the start. */
  readonly after: string;
  readonly limit: number;
}

export type PullOutcome =
  | { readonly ok: true; readonly response: PullResponse }
  | { readonly ok: false; readonly refusal: ClientRefusal };

export type StaffOutcome =
  | { readonly ok: true; readonly record: RecordChange; readonly requestId?: string }
  | { readonly ok: false; readonly refusal: StaffRefusal };

/** Which records a caseworker lists or exports: always within their scope (`oblasts`). */
export interface QueueFilter extends QueueFilterInput {
  readonly oblasts: StaffScope;
  readonly service?: Service | undefined;
  readonly status?: RecordStatus | undefined;
  /** First office day (YYYY-MM-DD, Kyiv time) of accepted_at, inclusive. */
  readonly from?: string | undefined;
  /** Last office day (YYYY-MM-DD, Kyiv time) of accepted_at, inclusive. */
  readonly to?: string | undefined;
}

export interface QueueQuery extends QueueFilter {
  /** The `next` of the previous page; omitted or '' for the first page. */
  readonly after?: string | undefined;
  /** 1..QUEUE_MAX_LIMIT (larger is clamped). */
  readonly limit: number;
}

export interface QueueItem {
  readonly recordId: string;
  readonly reference: string;
  readonly service: string;
  readonly status: RecordStatus;
  readonly oblast: string | null;
  readonly acceptedAt: string;
  readonly updatedAt: string;
  readonly assignedTo: string | null;
  readonly openConflicts: number;
  readonly pendingAmendments: number;
}

/** Newest accepted first; `next` is null on the last page. */
export interface QueuePage {
  readonly items: readonly QueueItem[];
  readonly next: string | null;
}

/** One CSV line's worth: the queue columns, when the phone captured it, and every field. */
export interface ExportRow extends QueueItem {
  readonly capturedAt: string;
  readonly fields: FieldMap;
}

export interface ExportResult {
  /** Newest accepted first, at most EXPORT_MAX_ROWS. */
  readonly rows: readonly ExportRow[];
  /** True when more records matched than were returned (narrow the dates and export again). */
  readonly truncated: boolean;
}

/**
 * Both backends implement the same contract (tests/integration/store-contract.ts) with the same
 * decisions (./decisions/): a mutation id at or below the client's last one is answered from the
 * stored result and never written again, for as long as the database lives; every change to a
 * record writes one change-log row in the same transaction as the change.
 *
 * Citizens own records as people, not devices: a client id is bound to the first person who pushes
 * from it, and any of that person's devices sees and edits their records. Every staff method takes
 * the caller's scope and finds records through it, so a record outside it is not found.
 */
export interface Store {
  readonly kind: StoreKind;
  /**
   * One transaction: every result is stored or none is; a database error rejects the promise.
   * Binds an unbound client id to `userId` in the same transaction; a client id bound to someone
   * else refuses the whole push and writes nothing.
   */
  applyPush(request: PushInput, now: Date): Promise<PushOutcome>;
  /**
   * The latest snapshot of each of the person's records changed after the cursor. Refused when the
   * client id is bound to someone else. Throws InvalidCursorError.
   */
  pull(request: PullInput): Promise<PullOutcome>;
  /** A caseworker's action on one record in their scope, decided and written in one transaction. */
  applyStaffAction(
    recordId: string,
    action: StaffAction,
    scope: StaffScope,
    now: Date,
  ): Promise<StaffOutcome>;
  /** A page of the queue. Throws InvalidCursorError, InvalidQueueFilterError. */
  listQueue(query: QueueQuery): Promise<QueuePage>;
  /**
   * Sets (or, with null, clears) who works on a record in the caller's scope; undefined when it is
   * not found there. Not a change the citizen sees: no version, no change-log row.
   */
  assignRecord(recordId: string, assignee: string | null, scope: StaffScope): Promise<QueueItem | undefined>;
  /** The newest EXPORT_MAX_ROWS records matching the filter. Throws InvalidQueueFilterError. */
  exportRows(filter: QueueFilter): Promise<ExportResult>;
  countRecords(): Promise<number>;
  /**
   * Whether one of the person's records has a live photo row (`photos/<id>/_exists` true) whose
   * `photos/<id>/sha256` is this hash: the right to upload (or resume) those bytes. A scan of the
   * person's own records' fields: a person has a handful of records, so no index is needed.
   */
  recordReferencesBlob(userId: string, sha256: string): Promise<boolean>;
  /** A record in the caller's scope, with everything hanging off it. */
  getRecord(recordId: string, scope: StaffScope): Promise<StoredRecord | undefined>;
  /** Throws when the database or the sync bookkeeping is inconsistent. */
  integrityCheck(): Promise<void>;
  close(): Promise<void>;
}
