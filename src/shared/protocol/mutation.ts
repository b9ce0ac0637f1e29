import * as v from 'valibot';
import { isReferenceNumber } from '../domain/reference-number';
import { SERVICES } from '../domain/services';
import { FieldMapSchema, FieldPathSchema, FieldValueSchema } from '../record/field-value';
import { IsoTimestampSchema, MutationIdSchema, RecordIdSchema } from './identifiers';

// Mutations carry intent, not row snapshots. The envelope is checked strictly (a malformed one is a
// broken client: 400); the service data inside is checked per mutation, so one item that fails the
// server's rules is rejected with reasons while the rest of the batch goes through.

const envelope = {
  id: MutationIdSchema,
  recordId: RecordIdSchema,
};

export const FieldChangeSchema = v.strictObject({
  path: FieldPathSchema,
  base: FieldValueSchema,
  value: FieldValueSchema,
});

/** Creates the record on the server from a completed form (drafts stay on the phone). */
export const SubmitRecordSchema = v.strictObject({
  ...envelope,
  type: v.literal('record/submit'),
  service: v.picklist(SERVICES, 'service.unknown'),
  reference: v.pipe(v.string(), v.check(isReferenceNumber, 'reference.invalid')),
  capturedAt: IsoTimestampSchema,
  fields: FieldMapSchema,
});

/** Edits after submission (including answers to the office's questions), merged field by field. */
export const SetFieldsSchema = v.strictObject({
  ...envelope,
  type: v.literal('record/setFields'),
  changes: v.pipe(
    v.array(FieldChangeSchema),
    v.minLength(1, 'changes.empty'),
    v.maxLength(200, 'changes.tooMany'),
    // One change per path: the merge of a path against its base is only well defined once per mutation.
    v.check(
      (changes) => new Set(changes.map((change) => change.path)).size === changes.length,
      'changes.duplicatePath',
    ),
  ),
});

/** The person's choice in a conflict: keep the office's value, or insist on their own. */
export const ResolveConflictSchema = v.strictObject({
  ...envelope,
  type: v.literal('record/resolveConflict'),
  conflictId: v.pipe(v.string(), v.uuid('conflictId.invalid')),
  choice: v.picklist(['server', 'client'], 'choice.invalid'),
});

export const WithdrawSchema = v.strictObject({
  ...envelope,
  type: v.literal('record/withdraw'),
});

export const MutationSchema = v.variant(
  'type',
  [SubmitRecordSchema, SetFieldsSchema, ResolveConflictSchema, WithdrawSchema],
  'mutation.unknownType',
);

export type Mutation = v.InferOutput<typeof MutationSchema>;
export type MutationType = Mutation['type'];
export type SubmitRecordMutation = v.InferOutput<typeof SubmitRecordSchema>;
export type SetFieldsMutation = v.InferOutput<typeof SetFieldsSchema>;
export type ResolveConflictMutation = v.InferOutput<typeof ResolveConflictSchema>;
export type WithdrawMutation = v.InferOutput<typeof WithdrawSchema>;
