import type { RecordChange } from '../../../shared/protocol';
import { toRecordChange } from '../../store/decisions/snapshot';
import type { StoredRecord } from '../../store/store';
import type { StaffPhotoView } from './staff-photo-view';

/**
 * A record as the office sees it: the phone's snapshot plus its office, assignee and which of its
 * photos have arrived; never the device's client id.
 */
export interface StaffRecordView extends RecordChange {
  readonly oblast: string | null;
  readonly assignedTo: string | null;
  readonly photos: readonly StaffPhotoView[];
}

export function staffRecordView(stored: StoredRecord, photos: readonly StaffPhotoView[]): StaffRecordView {
  return {
    ...toRecordChange(stored),
    oblast: stored.record.oblast,
    assignedTo: stored.record.assignedTo,
    photos,
  };
}
