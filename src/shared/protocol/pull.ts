import * as v from 'valibot';
import { RECORD_STATUSES } from '../domain/record-status';
import { FieldMapSchema, FieldPathSchema, FieldValueSchema } from '../record/field-value';
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

export const ConflictSchema = v.object({
  conflictId: v.string(),
  path: FieldPathSchema,
  base: FieldValueSchema,
  server: FieldValueSchema,
  client: FieldValueSchema,
  createdAt: IsoTimestampSchema,
});
export type Conflict = v.InferOutput<typeof ConflictSchema>;

export const AmendmentSchema = v.object({
  amendmentId: v.string(),
  path: FieldPathSchema,
  value: FieldValueSchema,
  state: v.picklist(['pending', 'accepted', 'declined']),
  createdAt: IsoTimestampSchema,
});
export type Amendment = v.InferOutput<typeof AmendmentSchema>;

export const TimelineEventSchema = v.object({
  at: IsoTimestampSchema,
  kind: v.picklist(['delivered', 'status', 'infoRequest', 'answer', 'correction', 'conflict', 'amendment']),
  /** For `status`: the new status. For `correction`/`conflict`/`amendment`: the path. */
  detail: v.optional(v.string()),
});
export type TimelineEvent = v.InferOutput<typeof TimelineEventSchema>;

/** The whole current state of one of the caller's records; the latest wins on the phone. */
export const RecordChangeSchema = v.object({
  recordId: RecordIdSchema,
  service: v.string(),
  reference: v.string(),
  status: v.picklist(RECORD_STATUSES),
  version: v.number(),
  fields: FieldMapSchema,
  conflicts: v.array(ConflictSchema),
  amendments: v.array(AmendmentSchema),
  timeline: v.array(TimelineEventSchema),
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
