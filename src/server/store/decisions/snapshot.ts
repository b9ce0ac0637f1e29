import type { RecordChange } from '../../../shared/protocol';
import type { RecordBundle } from './record-state';

/**
 * The whole current state of a record as the phone (and the office) sees it: open conflicts only
 * (a settled one needs nobody's attention), every amendment with its state, the full timeline.
 * The owner's client id stays on the server.
 */
export function toRecordChange(bundle: RecordBundle): RecordChange {
  const { record } = bundle;
  return {
    recordId: record.recordId,
    service: record.service,
    reference: record.reference,
    status: record.status,
    version: record.version,
    fields: { ...record.fields },
    conflicts: bundle.conflicts
      .filter((conflict) => conflict.resolution === null)
      .map(({ conflictId, path, base, server, client, createdAt }) => ({
        conflictId,
        path,
        base,
        server,
        client,
        createdAt,
      })),
    amendments: bundle.amendments.map(({ amendmentId, path, value, state, createdAt }) => ({
      amendmentId,
      path,
      value,
      state,
      createdAt,
    })),
    timeline: bundle.timeline.map((event) =>
      event.detail === undefined ? { at: event.at, kind: event.kind } : { ...event },
    ),
    acceptedAt: record.acceptedAt,
    updatedAt: record.updatedAt,
  };
}
