import * as v from 'valibot';
import {
  CLIENT_ID_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullResponseSchema,
  type RecordChange,
} from '../../shared/protocol';
import { announceChange } from '../database/change-notice';
import { getClientId } from '../database/client-identity';
import type { LocalDatabase } from '../database/local-database';
import { META_PULL_CURSOR, META_SIGN_IN_REQUIRED, META_UPDATE_REQUIRED } from '../database/meta-keys';
import { rebaseRecord } from '../records/rebase-record';
import type { SyncTransport } from './push-outbox';
import { parseRetryAfter, RetryableSyncError, SignInRequiredError, UpdateRequiredError } from './sync-errors';

/**
 * Brings the server's state of this person's records back: the office's status, questions,
 * corrections and conflicts. Unsent edits stay laid over it (see rebaseRecord).
 */
export async function pullChanges(db: LocalDatabase, transport: SyncTransport): Promise<{ changes: number }> {
  const clientId = await getClientId(db);
  let total = 0;
  for (;;) {
    const cursorEntry = await db.meta.get(META_PULL_CURSOR);
    const after = typeof cursorEntry?.value === 'string' ? cursorEntry.value : '';
    let response: Response;
    try {
      response = await transport.fetch(
        `${transport.baseUrl}/api/sync/pull?after=${encodeURIComponent(after)}`,
        {
          headers: { [CLIENT_ID_HEADER]: clientId, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
          credentials: 'same-origin',
        },
      );
    } catch {
      throw new RetryableSyncError('network.unreachable');
    }
    if (response.status === 426) {
      await db.meta.put({ key: META_UPDATE_REQUIRED, value: true });
      throw new UpdateRequiredError();
    }
    if (response.status === 401 || response.status === 403) {
      await db.meta.put({ key: META_SIGN_IN_REQUIRED, value: true });
      throw new SignInRequiredError();
    }
    if (!response.ok) {
      throw new RetryableSyncError(
        `server.${response.status}`,
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    let page: v.InferOutput<typeof PullResponseSchema>;
    try {
      page = v.parse(PullResponseSchema, await response.json());
    } catch {
      throw new RetryableSyncError('response.malformed');
    }
    await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
      for (const change of page.changes) await applyChange(db, change);
      await db.meta.put({ key: META_PULL_CURSOR, value: page.cursor });
    });
    total += page.changes.length;
    if (page.changes.length > 0) announceChange({ type: 'records-changed' });
    if (!page.hasMore) return { changes: total };
  }
}

async function applyChange(db: LocalDatabase, change: RecordChange): Promise<void> {
  const local = await db.records.get(change.recordId);
  const pending = await db.outbox.where('recordId').equals(change.recordId).sortBy('mutationId');
  // A record of this person's that is not on this phone (a reinstall, a new phone) comes back too.
  await db.records.put(
    rebaseRecord(
      local,
      change,
      pending.map((entry) => entry.mutation),
    ),
  );
}
