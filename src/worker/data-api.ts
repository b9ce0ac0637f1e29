import type { LocalRecord, SubmitOutcome, SyncStatus } from '../local';
import type { Service } from '../shared/domain';
import type { FieldValue } from '../shared/record';

export type SyncOutcome =
  | { readonly result: 'done'; readonly delivered: number }
  | { readonly result: 'offline' | 'retrying' | 'updateRequired'; readonly retryInMs?: number };

/** Everything the page may ask of the data worker. The page imports this file as a type only. */
export interface DataApi {
  saveDraft(input: { id?: string; service: Service; data: Record<string, FieldValue> }): Promise<LocalRecord>;
  submit(recordId: string): Promise<SubmitOutcome>;
  /** Changes to a submitted record (including answers to the office's questions). */
  edit(recordId: string, values: Record<string, FieldValue>): Promise<LocalRecord>;
  resolveConflict(recordId: string, conflictId: string, choice: 'server' | 'client'): Promise<void>;
  withdraw(recordId: string): Promise<void>;
  markSeen(recordId: string): Promise<void>;
  deleteDraft(recordId: string): Promise<void>;
  listRecords(): Promise<LocalRecord[]>;
  getRecord(recordId: string): Promise<LocalRecord | undefined>;
  syncStatus(): Promise<SyncStatus>;
  /** Push then pull now; the answer says whether it worked or when it will try again. */
  syncNow(): Promise<SyncOutcome>;
}
