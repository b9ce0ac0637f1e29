import * as v from 'valibot';
import { IsoTimestampSchema, RecordIdSchema } from './identifiers';
import { PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT } from './limits';

// The cursor is opaque to clients: SQLite uses the change sequence, PostgreSQL the writing transaction
// id with the sequence, so that changes committed out of order are never skipped.
export const PullQuerySchema = v.object({
  after: v.optional(v.pipe(v.string(), v.maxLength(64), v.regex(/^[0-9:]*$/, 'cursor.invalid')), ''),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, 'limit.invalid'),
      v.transform(Number),
      v.minValue(1, 'limit.invalid'),
      v.maxValue(PULL_MAX_LIMIT, 'limit.invalid'),
    ),
    String(PULL_DEFAULT_LIMIT),
  ),
});

export const RECORD_STATUSES = ['received'] as const;

export const RecordChangeSchema = v.object({
  recordId: RecordIdSchema,
  service: v.string(),
  reference: v.string(),
  status: v.picklist(RECORD_STATUSES),
  acceptedAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type RecordChange = v.InferOutput<typeof RecordChangeSchema>;

export const PullResponseSchema = v.object({
  changes: v.array(RecordChangeSchema),
  cursor: v.string(),
  hasMore: v.boolean(),
  lastMutationId: v.number(),
});
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;
