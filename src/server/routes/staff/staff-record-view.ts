import type { RecordChange } from '../../../shared/protocol';
import { toRecordChange } from '../../store/decisions/snapshot';
import type { StoredRecord } from '../../store/store';

/** A record as the office sees it: the phone's snapshot plus its office and assignee; never the device's client id. */
export interface StaffRecordView extends RecordChange {
  readonly oblast: string | null;
  readonly assignedTo: string | null;
}

export function staffRecordView(stored: StoredRecord): StaffRecordView {
  return { ...toRecordChange(stored), oblast: stored.record.oblast, assignedTo: stored.record.assignedTo };
}
