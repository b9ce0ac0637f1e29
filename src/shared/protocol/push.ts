import * as v from 'valibot';
import { FieldPathSchema } from '../record/field-value';
import { ClientIdSchema, IsoTimestampSchema, MutationIdSchema, RecordIdSchema } from './identifiers';
import { PUSH_MAX_MUTATIONS } from './limits';
import { MutationSchema } from './mutation';

export const PushRequestSchema = v.strictObject({
  protocolVersion: v.pipe(v.number(), v.integer()),
  clientId: ClientIdSchema,
  mutations: v.pipe(
    v.array(MutationSchema),
    v.minLength(1, 'push.empty'),
    v.maxLength(PUSH_MAX_MUTATIONS, 'push.tooMany'),
    v.check(
      (mutations) =>
        mutations.every((mutation, index) => index === 0 || mutation.id > mutations[index - 1]!.id),
      'push.idsNotIncreasing',
    ),
  ),
});
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

const IssueSchema = v.object({ field: v.string(), message: v.string() });

export const MutationResultSchema = v.variant('status', [
  /** Everything the mutation asked for is now so. */
  v.object({
    id: MutationIdSchema,
    status: v.literal('applied'),
    recordId: RecordIdSchema,
    version: v.number(),
    acceptedAt: IsoTimestampSchema,
  }),
  /** Applied, but frozen fields became amendment requests the office reviews. */
  v.object({
    id: MutationIdSchema,
    status: v.literal('merged'),
    recordId: RecordIdSchema,
    version: v.number(),
    acceptedAt: IsoTimestampSchema,
    amendments: v.array(FieldPathSchema),
  }),
  /** Some fields were changed by the office meanwhile: those wait for the person's choice. */
  v.object({
    id: MutationIdSchema,
    status: v.literal('conflict'),
    recordId: RecordIdSchema,
    version: v.number(),
    acceptedAt: IsoTimestampSchema,
    conflicts: v.array(v.object({ conflictId: v.string(), path: FieldPathSchema })),
  }),
  v.object({
    id: MutationIdSchema,
    status: v.literal('rejected'),
    recordId: RecordIdSchema,
    /** Translation key the person can act on, e.g. `record.invalid`. */
    reason: v.string(),
    issues: v.array(IssueSchema),
  }),
]);
export type MutationResult = v.InferOutput<typeof MutationResultSchema>;

export const PushResponseSchema = v.object({
  results: v.array(MutationResultSchema),
  lastMutationId: v.number(),
});
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;
