import type { LocalRecord, SubmitOutcome, SyncStatus } from '../local';
import type { DamageReportDraft, Service } from '../shared/domain';

export type SyncOutcome =
  | { readonly result: 'done'; readonly delivered: number }
  | { readonly result: 'offline' | 'retrying' | 'updateRequired'; readonly retryInMs?: number };

/** Everything the page may ask of the data worker. The page imports this file as a type only. */
export interface DataApi {
  saveDraft(input: { id?: string; service: Service; data: DamageReportDraft }): Promise<LocalRecord>;
  submit(recordId: string): Promise<SubmitOutcome>;
  deleteDraft(recordId: string): Promise<void>;
  listRecords(): Promise<LocalRecord[]>;
  getRecord(recordId: string): Promise<LocalRecord | undefined>;
  syncStatus(): Promise<SyncStatus>;
  /** Push then pull now; the answer says whether it worked or when it will try again. */
  syncNow(): Promise<SyncOutcome>;
}
