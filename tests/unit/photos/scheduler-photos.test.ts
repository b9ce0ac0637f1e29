import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveDraft, submitRecord } from '../../../src/local';
import { pausePhotoUploads, resumePhotoUploads, uploadPendingPhotos } from '../../../src/local/photos';
import { RetryableSyncError } from '../../../src/local/sync/sync-errors';
import { SyncScheduler } from '../../../src/worker/sync-scheduler';
import { FakeSyncServer } from '../support/fake-sync-server';
import { deliver, deliveredReportWithPhotos, FakeServer, sha256Of } from '../support/fake-upload-server';
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

  it('a pause mid-photo ends the round as done: no backoff, and resuming finishes the photo', async () => {
    const db = freshDatabase();
    const photo = new Uint8Array(150_000).map((_, index) => (index * 7) % 251);
    const uploads = new FakeServer();
    uploads.known.add(sha256Of(photo));
    uploads.hangOnPatch = 2;
    const record = await deliveredReportWithPhotos(db, [photo]);
    await deliver(db, record.id);
    const scheduler = new SyncScheduler(
      db,
      new FakeSyncServer().transport,
      () => true,
      () => uploadPendingPhotos(db, { baseUrl: '', fetch: uploads.fetch }),
    );

    const round = scheduler.trigger();
    await uploads.hung;
    await pausePhotoUploads(db);
    expect(await round).toEqual({ result: 'done', delivered: 0 });
    expect(vi.getTimerCount()).toBe(0);

    await resumePhotoUploads(db);
    expect(await scheduler.trigger()).toEqual({ result: 'done', delivered: 0 });
    expect(uploads.received.get(sha256Of(photo))).toBe(photo.byteLength);
    expect((await db.photos.toArray())[0]?.uploadedAt).toBeDefined();
  });
});
