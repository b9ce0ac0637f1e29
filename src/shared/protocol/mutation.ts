import * as v from 'valibot';
import { isReferenceNumber } from '../domain/reference-number';
import { IsoTimestampSchema, MutationIdSchema, RecordIdSchema } from './identifiers';

// Mutations carry intent, not row snapshots. The envelope is checked strictly (a malformed one is a
// broken client: 400); the service data inside is checked per mutation, so one item that fails the
// server's rules is rejected with reasons while the rest of the batch goes through.
export const DamageReportSubmitSchema = v.strictObject({
  id: MutationIdSchema,
  type: v.literal('damageReport/submit'),
  recordId: RecordIdSchema,
  reference: v.pipe(v.string(), v.check(isReferenceNumber, 'reference.invalid')),
  capturedAt: IsoTimestampSchema,
  data: v.record(v.string(), v.unknown()),
});

export const MutationSchema = v.variant('type', [DamageReportSubmitSchema], 'mutation.unknownType');

export type Mutation = v.InferOutput<typeof MutationSchema>;
export type MutationType = Mutation['type'];
