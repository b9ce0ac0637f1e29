import type { DamageReportDraft, Service, ValidationIssue } from '../../shared/domain';

/**
 * draft: being filled, only on this phone; queued: submitted, waiting in the outbox;
 * delivered: the server confirmed it; attention: the server refused it and the person must act.
 */
export type RecordState = 'draft' | 'queued' | 'delivered' | 'attention';

export interface RecordAttention {
  readonly reason: string;
  readonly issues: readonly ValidationIssue[];
}

export interface LocalRecord {
  id: string;
  service: Service;
  reference: string;
  state: RecordState;
  data: DamageReportDraft;
  /** Device time; shown as "captured on the phone". */
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  /** Server time of acceptance, from the push result or a pull. */
  acceptedAt?: string;
  attention?: RecordAttention;
}
