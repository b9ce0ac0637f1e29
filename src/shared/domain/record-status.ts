// The life of an application at the office: received → in review → needs information → approved or
// rejected (with a reason); the citizen may withdraw it before a decision.
export const RECORD_STATUSES = [
  'received',
  'inReview',
  'needsInformation',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** Which status may follow which, for the office's actions. */
export const STATUS_TRANSITIONS: Readonly<Record<RecordStatus, readonly RecordStatus[]>> = {
  received: ['inReview', 'needsInformation', 'approved', 'rejected'],
  inReview: ['needsInformation', 'approved', 'rejected'],
  needsInformation: ['inReview', 'approved', 'rejected'],
  approved: [],
  rejected: ['inReview'],
  withdrawn: [],
};

export const FINAL_STATUSES: readonly RecordStatus[] = ['approved', 'rejected', 'withdrawn'];
