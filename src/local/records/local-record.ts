import type { Service, ValidationIssue } from '../../shared/domain';
import type { RecordStatus } from '../../shared/domain/record-status';
import type { Amendment, Conflict, TimelineEvent } from '../../shared/protocol';
import type { FieldValue } from '../../shared/record';

/**
 * draft: being filled, only on this phone; queued: something waits in the outbox for it;
 * delivered: the server has everything; attention: the server refused the last change and the person
 * must act.
 */
export type RecordState = 'draft' | 'queued' | 'delivered' | 'attention';

export interface RecordAttention {
  readonly reason: string;
  readonly issues: readonly ValidationIssue[];
}

/** The record as the server last described it (a pull snapshot). */
export interface ServerView {
  readonly version: number;
  readonly status: RecordStatus;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly conflicts: readonly Conflict[];
  readonly amendments: readonly Amendment[];
  readonly timeline: readonly TimelineEvent[];
  readonly updatedAt: string;
}

export interface LocalRecord {
  id: string;
  service: Service;
  reference: string;
  state: RecordState;
  /**
   * What the person sees and edits: for a draft, everything typed; after submission, the server's
   * fields with this phone's unsent changes laid over them.
   */
  data: Record<string, FieldValue>;
  server?: ServerView;
  /** Device time; shown as "captured on the phone". */
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  /** Server time of acceptance, from the push result or a pull. */
  acceptedAt?: string;
  attention?: RecordAttention;
  /** Conflicts the person already answered; hidden until the next pull confirms. */
  resolvingConflicts?: string[];
  /** A pull brought news the person has not opened yet. */
  unseen?: boolean;
}
