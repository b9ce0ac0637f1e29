import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveDraft, submitRecord } from '../../src/local';
import { SyncScheduler } from '../../src/worker/sync-scheduler';
import { FakeSyncServer, json } from './support/fake-sync-server';
import { closeAndDeleteAll, freshDatabase, VALID_REPORT } from './support/local-fixtures';

// Only timers are faked: fake-indexeddb schedules its work with setImmediate, which stays real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  // Full jitter uses Math.random; pin it so the retry delays are predictable.
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await closeAndDeleteAll();
});

const unavailable = () => json(503, { error: 'store.unavailable', message: 'Later' });

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

async function queueOne(db: ReturnType<typeof freshDatabase>): Promise<string> {
  const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
  await submitRecord(db, draft.id);
  return draft.id;
}

describe('SyncScheduler', () => {
  it('reports offline without touching the network', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queueOne(db);
    const scheduler = new SyncScheduler(db, server.transport, () => false);

    expect(await scheduler.trigger()).toEqual({ result: 'offline' });

    expect(server.requests).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });

  it('pushes then pulls and reports what was delivered', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const recordId = await queueOne(db);
    const scheduler = new SyncScheduler(db, server.transport, () => true);

    expect(await scheduler.trigger()).toEqual({ result: 'done', delivered: 1 });

    expect(server.requests.map((request) => request.url.pathname)).toEqual([
      '/api/sync/push',
      '/api/sync/pull',
    ]);
    expect((await db.records.get(recordId))?.state).toBe('delivered');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failing round schedules one retry with growing delay; a success resets the backoff', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queueOne(db);
    const scheduler = new SyncScheduler(db, server.transport, () => true);

    server.faults.push({ kind: 'respond', response: unavailable });
    const first = await scheduler.trigger();
    expect(first).toEqual({ result: 'retrying', retryInMs: 1_000 }); // attempt 0: 0.5 × 2 s
    expect(vi.getTimerCount()).toBe(1);
    expect(server.requests).toHaveLength(1);

    // Nothing happens before the delay is over; then the timer runs a round, which fails again.
    server.faults.push({ kind: 'respond', response: unavailable });
    await vi.advanceTimersByTimeAsync(999);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));

    // The second retry waits longer (attempt 1: 0.5 × 4 s) and this time succeeds.
    await vi.advanceTimersByTimeAsync(1_999);
    expect(server.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(server.pulls).toHaveLength(1));
    // Joins the running round or starts a new one; either way the outbox is delivered.
    expect((await scheduler.trigger()).result).toBe('done');
    expect(await db.outbox.count()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    // After a success the backoff starts over from the first step.
    server.faults.push({ kind: 'network' });
    expect(await scheduler.trigger()).toEqual({ result: 'retrying', retryInMs: 1_000 });
  });

  it('a manual trigger cancels the pending retry timer', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queueOne(db);
    const scheduler = new SyncScheduler(db, server.transport, () => true);
    server.faults.push({ kind: 'network' });
    expect((await scheduler.trigger()).result).toBe('retrying');
    expect(vi.getTimerCount()).toBe(1);

    expect(await scheduler.trigger()).toEqual({ result: 'done', delivered: 1 });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.pushes).toHaveLength(2);
  });

  it('honours Retry-After as the shortest wait', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queueOne(db);
    const scheduler = new SyncScheduler(db, server.transport, () => true);
    server.faults.push({
      kind: 'respond',
      response: () => json(503, { error: 'store.unavailable', message: 'Later' }, { 'retry-after': '90' }),
    });

    expect(await scheduler.trigger()).toEqual({ result: 'retrying', retryInMs: 90_000 });
  });

  it('update required: no retry is scheduled', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queueOne(db);
    const scheduler = new SyncScheduler(db, server.transport, () => true);
    server.faults.push({
      kind: 'respond',
      response: () => json(426, { error: 'protocol.outdated', message: 'Please update the app' }),
    });

    expect(await scheduler.trigger()).toEqual({ result: 'updateRequired' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('triggers during a running round coalesce into at most one extra round', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queueOne(db);
    const gate = deferred();
    const realFetch = server.transport.fetch;
    let calls = 0;
    const transport = {
      baseUrl: server.transport.baseUrl,
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        calls++;
        if (calls === 1) await gate.promise; // hold the first round's push
        return realFetch(input, init);
      }) as typeof fetch,
    };
    const scheduler = new SyncScheduler(db, transport, () => true);

    const running = scheduler.trigger();
    await vi.waitFor(() => expect(calls).toBe(1));
    const during = [scheduler.trigger(), scheduler.trigger(), scheduler.trigger()];
    gate.release();
    const outcomes = await Promise.all([running, ...during]);

    // Round 1: push + pull. One extra round (outbox now empty): pull only. Never four rounds.
    expect(server.requests.map((request) => request.url.pathname)).toEqual([
      '/api/sync/push',
      '/api/sync/pull',
      '/api/sync/pull',
    ]);
    // Every caller got the same answer: the outcome of the last round.
    for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
    expect(outcomes[0]).toEqual({ result: 'done', delivered: 0 });
  });

  it('a trigger after a round has finished starts a new round', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const scheduler = new SyncScheduler(db, server.transport, () => true);
    await scheduler.trigger();
    await scheduler.trigger();
    expect(server.pulls).toHaveLength(2);
  });

  it('a trigger during a failing round does not add a round; the retry timer takes over', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queueOne(db);
    const gate = deferred();
    const realFetch = server.transport.fetch;
    let calls = 0;
    const transport = {
      baseUrl: server.transport.baseUrl,
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        calls++;
        if (calls === 1) {
          await gate.promise;
          throw new TypeError('fetch failed');
        }
        return realFetch(input, init);
      }) as typeof fetch,
    };
    const scheduler = new SyncScheduler(db, transport, () => true);

    const running = scheduler.trigger();
    await vi.waitFor(() => expect(calls).toBe(1));
    const during = scheduler.trigger();
    gate.release();

    expect(await running).toEqual({ result: 'retrying', retryInMs: 1_000 });
    expect(await during).toEqual(await running);
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(1);

    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(calls).toBe(3)); // push + pull of the timer's round
  });
});
