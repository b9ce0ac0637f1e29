import type { MutationResult } from '../../../shared/protocol';
import type { RecordWrite } from './record-state';

/** The answer to one mutation and, when something changes, what to write for it. */
export interface MutationDecision {
  readonly result: MutationResult;
  readonly write?: RecordWrite;
}
