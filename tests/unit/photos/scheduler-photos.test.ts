import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveDraft, submitRecord } from '../../../src/local';
import { RetryableSyncError } from '../../../src/local/sync/sync-errors';
import { SyncScheduler } from '../../../src/worker/sync-scheduler';
import { FakeSyncServer } from '../support/fake-sync-server';
import { closeAndDeleteAll, freshDatabase, VALID_REPORT } from '../support/local-fixtures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await closeAndDeleteAll();
});

describe('SyncScheduler and photos', () => {
  it('sends photos only after the records were pushed and pulled (text first)', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, draft.id);
    const seen: string[] = [];
    const scheduler = new SyncScheduler(
      db,
      server.transport,
      () => true,
      async () => {
        seen.push(...server.requests.map((request) => request.url.pathname));
        seen.push('photos');
      },
    );

    expect(await scheduler.trigger()).toEqual({ result: 'done', delivered: 1 });
    expect(seen).toEqual(['/api/sync/push', '/api/sync/pull', 'photos']);
  });

  it('a photo upload cut by the network takes the records’ backoff and tries again', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    let calls = 0;
    const scheduler = new SyncScheduler(
      db,
      server.transport,
      () => true,
      async () => {
        calls += 1;
        if (calls === 1) throw new RetryableSyncError('network.unreachable');
      },
    );

    const first = await scheduler.trigger();
    expect(first.result).toBe('retrying');
    expect(vi.getTimerCount()).toBe(1);
    await vi.runOnlyPendingTimersAsync();
    await vi.waitFor(() => expect(calls).toBe(2));
  });
});
