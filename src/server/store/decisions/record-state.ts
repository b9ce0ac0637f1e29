import type { RecordStatus } from '../../../shared/domain';
import type { FieldMap, FieldValue } from '../../../shared/record';

// What the decisions read about one record, and what they ask a store to write. Both stores load
// the same shapes inside their transaction and apply a RecordWrite the same way, so the rules live
// once, here, free of I/O.

export interface RecordState {
  readonly recordId: string;
  /** The device profile that submitted it (kept for the record's history and the change log). */
  readonly clientId: string;
  /**
   * The person who submitted it, from any of their devices: the only citizen who may see or change
   * it. Null only for a record stored before people signed in, until its device first pushes again
   * (then the device's person adopts it).
   */
  readonly ownerUserId: string | null;
  /** The KATOTTH oblast whose office handles it (see recordOblast); null when the fields name none. */
  readonly oblast: string | null;
  /** The caseworker who took it, if any. */
  readonly assignedTo: string | null;
  readonly service: string;
  readonly reference: string;
  /** Always equal to `fields.status`: a column for queries, a field so the merge's ownership rule guards it. */
  readonly status: RecordStatus;
  readonly fields: FieldMap;
  /** Grows by one whenever `fields` change. */
  readonly version: number;
  readonly capturedAt: string;
  readonly acceptedAt: string;
  readonly updatedAt: string;
}

export type ConflictResolution = 'server' | 'client' | 'superseded';

export interface ConflictState {
  readonly conflictId: string;
  readonly recordId: string;
  readonly path: string;
  readonly base: FieldValue;
  readonly server: FieldValue;
  readonly client: FieldValue;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: ConflictResolution | null;
}

export type AmendmentStateName = 'pending' | 'accepted' | 'declined';

export interface AmendmentState {
  readonly amendmentId: string;
  readonly recordId: string;
  readonly path: string;
  readonly value: FieldValue;
  readonly state: AmendmentStateName;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

export const TIMELINE_KINDS = [
  'delivered',
  'status',
  'infoRequest',
  'answer',
  'correction',
  'conflict',
  'amendment',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface RecordEvent {
  readonly at: string;
  readonly kind: TimelineKind;
  readonly detail?: string;
}

/** A record with everything that hangs off it; conflicts and amendments include settled ones. */
export interface RecordBundle {
  readonly record: RecordState;
  readonly conflicts: readonly ConflictState[];
  readonly amendments: readonly AmendmentState[];
  readonly timeline: readonly RecordEvent[];
}

/** What a decided change asks the store to write, in one transaction, with one change-log row. */
export interface RecordWrite {
  readonly recordId: string;
  /** The device that submitted the record (the change-log row names it). */
  readonly clientId: string;
  /** The record's owner: the change-log row is theirs, so their next pull (any device) brings the snapshot. */
  readonly ownerUserId: string | null;
  /** Present when the record is created by this write. */
  readonly create?: { readonly service: string; readonly reference: string; readonly capturedAt: string };
  readonly fields: FieldMap;
  readonly status: RecordStatus;
  readonly version: number;
  readonly newConflicts: readonly {
    readonly conflictId: string;
    readonly path: string;
    readonly base: FieldValue;
    readonly server: FieldValue;
    readonly client: FieldValue;
  }[];
  readonly closedConflicts: readonly {
    readonly conflictId: string;
    readonly resolution: ConflictResolution;
  }[];
  readonly newAmendments: readonly {
    readonly amendmentId: string;
    readonly path: string;
    readonly value: FieldValue;
  }[];
  readonly decidedAmendments: readonly {
    readonly amendmentId: string;
    readonly state: 'accepted' | 'declined';
  }[];
  readonly events: readonly { readonly kind: TimelineKind; readonly detail?: string }[];
}

/**
 * A write as a store applies it: with the oblast derived from the fields it leaves (decide-mutation and
 * decide-staff-action add it, so no single decision can forget a move between oblasts).
 */
export interface StoredWrite extends RecordWrite {
  readonly oblast: string | null;
}

/** A write that keeps the record as it is; decisions spread their changes over it. */
export function unchangedWrite(record: RecordState): RecordWrite {
  return {
    recordId: record.recordId,
    clientId: record.clientId,
    ownerUserId: record.ownerUserId,
    fields: record.fields,
    status: record.status,
    version: record.version,
    newConflicts: [],
    closedConflicts: [],
    newAmendments: [],
    decidedAmendments: [],
    events: [],
  };
}

/** Injected so decisions stay pure (and tests can name ids); stores pass crypto.randomUUID. */
export type NewId = () => string;
