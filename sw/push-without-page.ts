import type { MetaEntry } from '../src/local/database/local-database';
import { META_CLIENT_ID } from '../src/local/database/meta-keys';
import type { OutboxEntry } from '../src/local/sync/outbox-entry';
import { type SyncTransport, sendPushRequest } from '../src/local/sync/push-request';
import { RetryableSyncError } from '../src/local/sync/sync-errors';
import { fitPushBudget } from '../src/local/sync/take-batch';
// By their own paths: the protocol index would bring every schema into the service worker.
import { PUSH_MAX_MUTATIONS } from '../src/shared/protocol/limits';
import { readFrom } from './read-only-database';

export interface PushWithoutPage {
  /**
   * The whole outbox went and was answered. False when the server refused in a way retrying cannot fix
   * (not signed in, an update needed, a batch it will not take): the page tells the person.
   */
  readonly finished: boolean;
  /** Records the server holds by its answers, so their photos may follow. */
  readonly acceptedRecordIds: ReadonlySet<string>;
}

/**
 * Sends the outbox in batches built as the data worker builds them (same envelope, count and byte
 * bounds, gzip), recording nothing. With no write to remember progress by, it walks by position: each
 * batch starts after the last mutation id sent. That is safe because the server applies each mutation
 * once and answers a replay with the stored result, which the data worker records when the app opens.
 * A failure of the link or the server throws RetryableSyncError.
 */
export async function pushWithoutPage(db: IDBDatabase, transport: SyncTransport): Promise<PushWithoutPage> {
  const acceptedRecordIds = new Set<string>();
  const clientId = (await readFrom<MetaEntry | undefined>(db, 'meta', (store) => store.get(META_CLIENT_ID)))
    ?.value;
  // The client id is made with the first queued item: without one there is nothing to send.
  if (typeof clientId !== 'string') return { finished: true, acceptedRecordIds };
  let after = 0;
  for (;;) {
    const batch = fitPushBudget(
      await readFrom<OutboxEntry[]>(db, 'outbox', (store) =>
        store.getAll(IDBKeyRange.lowerBound(after, true), PUSH_MAX_MUTATIONS),
      ),
    );
    const last = batch.at(-1);
    if (!last) return { finished: true, acceptedRecordIds };
    const response = await sendPushRequest(
      transport,
      clientId,
      batch.map((entry) => entry.mutation),
    );
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new RetryableSyncError(`server.${response.status}`);
    }
    if (!response.ok) return { finished: false, acceptedRecordIds };
    for (const recordId of recordsHeld(await response.json().catch(() => undefined))) {
      acceptedRecordIds.add(recordId);
    }
    after = last.mutationId;
  }
}

/**
 * The records the answer says the server holds: applied, merged and in conflict all mean the record is
 * there (the data worker sets acceptedAt for each). Only the fields read here are checked, not the
 * whole PushResponseSchema, whose validators would add about 3 KB gzip to this worker.
 */
function recordsHeld(answer: unknown): string[] {
  const results = (answer as { results?: unknown } | undefined)?.results;
  // A proxy or captive portal answered instead of our server.
  if (!Array.isArray(results)) throw new RetryableSyncError('response.malformed');
  return results.flatMap((result: { status?: unknown; recordId?: unknown } | null) =>
    typeof result?.recordId === 'string' && typeof result.status === 'string' && result.status !== 'rejected'
      ? [result.recordId]
      : [],
  );
}
