import * as v from 'valibot';

export const ClientIdSchema = v.pipe(v.string(), v.uuid('clientId.invalid'));
export const RecordIdSchema = v.pipe(v.string(), v.uuid('recordId.invalid'));
export const MutationIdSchema = v.pipe(
  v.number('mutationId.invalid'),
  v.integer('mutationId.invalid'),
  v.minValue(1, 'mutationId.invalid'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'mutationId.invalid'),
);
export const IsoTimestampSchema = v.pipe(v.string(), v.isoTimestamp('timestamp.invalid'));

/** Header that names the device profile on requests without a body. */
export const CLIENT_ID_HEADER = 'x-lastivka-client';
/** Header that names the protocol version on requests without a body. */
export const PROTOCOL_HEADER = 'x-lastivka-protocol';
