import * as v from 'valibot';
import { type MutationResult, PushResponseSchema } from '../../shared/protocol';
import { announceChange } from '../database/change-notice';
import { getClientId } from '../database/client-identity';
import type { LocalDatabase } from '../database/local-database';
import { META_LAST_DELIVERY_AT, META_SIGN_IN_REQUIRED, META_UPDATE_REQUIRED } from '../database/meta-keys';
import type { LocalRecord } from '../records/local-record';
import type { OutboxEntry } from './outbox-entry';
import { type SyncTransport, sendPushRequest } from './push-request';
import { parseRetryAfter, RetryableSyncError, SignInRequiredError, UpdateRequiredError } from './sync-errors';
import { takeBatch } from './take-batch';

export type { SyncTransport } from './push-request';

/** Statuses that retrying cannot fix; the items need the person (or a new app version) instead. */
const PERMANENT_STATUSES = new Set([400, 404, 409, 413, 415, 422]);

/**
 * Sends the outbox in batches until it is empty. An entry leaves the outbox only in the same
 * transaction that records the server's answer for it, so a crash between the answer and the write
 * means the entry is sent again, and the server answers the replay with the original result.
 */
export async function pushOutbox(
  db: LocalDatabase,
  transport: SyncTransport,
): Promise<{ delivered: number }> {
  const clientId = await getClientId(db);
  let delivered = 0;
  for (;;) {
    const batch = await takeBatch(db);
    if (batch.length === 0) return { delivered };
    const response = await sendPushRequest(
      transport,
      clientId,
      batch.map((entry) => entry.mutation),
    );

    if (response.status === 426) {
      await db.meta.put({ key: META_UPDATE_REQUIRED, value: true });
      announceChange({ type: 'sync-status-changed' });
      throw new UpdateRequiredError();
    }
    // 401: no valid session; 403: a session of someone else than this profile's owner, or a CSRF refusal.
    // Either way nothing was written and the queue waits for the right person to sign in.
    if (response.status === 401 || response.status === 403) {
      await db.meta.put({ key: META_SIGN_IN_REQUIRED, value: true });
      announceChange({ type: 'sync-status-changed' });
      throw new SignInRequiredError();
    }
    if (PERMANENT_STATUSES.has(response.status)) {
      const reason = await readErrorCode(response);
      await markNeedsAttention(db, batch, reason);
      continue;
    }
    if (!response.ok) {
      throw new RetryableSyncError(
        `server.${response.status}`,
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }

    let parsed: v.InferOutput<typeof PushResponseSchema>;
    try {
      parsed = v.parse(PushResponseSchema, await response.json());
    } catch {
      // A proxy or captive portal answered instead of our server; the items stay queued.
      throw new RetryableSyncError('response.malformed');
    }
    delivered += await applyResults(db, batch, parsed.results);
  }
}

async function readErrorCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : `server.${response.status}`;
  } catch {
    return `server.${response.status}`;
  }
}

async function applyResults(
  db: LocalDatabase,
  batch: OutboxEntry[],
  results: MutationResult[],
): Promise<number> {
  const byId = new Map(results.map((result) => [result.id, result]));
  let delivered = 0;
  await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
    for (const entry of batch) {
      const result = byId.get(entry.mutationId);
      // Not answered: stays in the outbox for the next push.
      if (!result) continue;
      await db.outbox.delete(entry.mutationId);
      const record = await db.records.get(entry.recordId);
      if (record) {
        const stillPending = (await db.outbox.where('recordId').equals(entry.recordId).count()) > 0;
        await db.records.put(withResult(record, result, stillPending));
      }
      if (result.status !== 'rejected') delivered++;
    }
    if (delivered > 0) await db.meta.put({ key: META_LAST_DELIVERY_AT, value: new Date().toISOString() });
    await db.meta.delete(META_SIGN_IN_REQUIRED);
  });
  announceChange({ type: 'records-changed' });
  return delivered;
}

function withResult(record: LocalRecord, result: MutationResult, stillPending: boolean): LocalRecord {
  if (result.status === 'rejected') {
    return { ...record, state: 'attention', attention: { reason: result.reason, issues: result.issues } };
  }
  // Conflicts and amendments arrive with the pull that follows every push.
  const next: LocalRecord = {
    ...record,
    state: stillPending ? 'queued' : 'delivered',
    acceptedAt: result.acceptedAt,
  };
  delete next.attention;
  return next;
}

async function markNeedsAttention(db: LocalDatabase, batch: OutboxEntry[], reason: string): Promise<void> {
  await db.transaction('rw', db.records, db.outbox, async () => {
    for (const entry of batch) {
      const record = await db.records.get(entry.recordId);
      if (record) await db.records.put({ ...record, state: 'attention', attention: { reason, issues: [] } });
      await db.outbox.delete(entry.mutationId);
    }
  });
  announceChange({ type: 'records-changed' });
}
