import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  getClientId,
  type LocalDatabase,
  pullChanges,
  pushOutbox,
  RetryableSyncError,
  readSyncStatus,
  saveDraft,
  submitRecord,
  UpdateRequiredError,
} from '../../src/local';
import { META_PULL_CURSOR } from '../../src/local/database/meta-keys';
import { PROTOCOL_VERSION, PUSH_MAX_MUTATIONS } from '../../src/shared/protocol';
import { FakeSyncServer, json } from './support/fake-sync-server';
import { closeAndDeleteAll, freshDatabase, VALID_REPORT } from './support/local-fixtures';

afterEach(async () => {
  vi.unstubAllGlobals();
  await closeAndDeleteAll();
});

async function queue(db: LocalDatabase, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const draft = await saveDraft(db, {
      service: 'damageReport',
      data: { ...VALID_REPORT, description: `${VALID_REPORT.description} №${i + 1}` },
    });
    const outcome = await submitRecord(db, draft.id);
    if (!outcome.ok) throw new Error('fixture is invalid');
    ids.push(draft.id);
  }
  return ids;
}

async function states(db: LocalDatabase): Promise<string[]> {
  return (await db.records.toArray()).map((record) => record.state);
}

describe('pushOutbox', () => {
  it('sends the outbox in one request, in increasing mutation-id order, with the client id', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const recordIds = await queue(db, 5);

    await pushOutbox(db, server.transport);

    expect(server.pushes).toHaveLength(1);
    const body = server.pushes[0]!.push!;
    expect(body.protocolVersion).toBe(PROTOCOL_VERSION);
    expect(body.clientId).toBe(await getClientId(db));
    expect(body.mutations.map((mutation) => mutation.id)).toEqual([1, 2, 3, 4, 5]);
    expect(body.mutations.map((mutation) => mutation.recordId)).toEqual(recordIds);
    expect(server.pushes[0]!.method).toBe('POST');
    expect(server.pushes[0]!.url.href).toBe('https://lastivka.test/api/sync/push');
    expect(server.pushes[0]!.headers['content-type']).toBe('application/json');
  });

  it('does not call the server when the outbox is empty', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('gzips the body where CompressionStream exists', async () => {
    expect(typeof CompressionStream).toBe('function');
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 3);

    await pushOutbox(db, server.transport);

    const request = server.pushes[0]!;
    expect(request.headers['content-encoding']).toBe('gzip');
    const raw = request.rawBody!;
    expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]); // gzip magic number
    const decoded = JSON.parse(gunzipSync(raw).toString('utf8')) as { mutations: { id: number }[] };
    expect(decoded.mutations.map((mutation) => mutation.id)).toEqual([1, 2, 3]);
  });

  it('sends plain JSON without content-encoding where CompressionStream is missing', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 2);

    await pushOutbox(db, server.transport);

    const request = server.pushes[0]!;
    expect(request.headers['content-encoding']).toBeUndefined();
    const decoded = JSON.parse(new TextDecoder().decode(request.rawBody)) as { mutations: unknown[] };
    expect(decoded.mutations).toHaveLength(2);
    expect((await readSyncStatus(db)).waiting).toBe(0);
  });

  it('applied: the record becomes delivered with the server time and leaves the outbox', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 1 });

    const record = await db.records.get(recordId!);
    expect(record?.state).toBe('delivered');
    expect(record?.acceptedAt).toBe(server.records.get(recordId!)!.change.acceptedAt);
    expect(await db.outbox.count()).toBe(0);
    const status = await readSyncStatus(db);
    expect(status.waiting).toBe(0);
    expect(status.lastDeliveryAt).not.toBeNull();
  });

  it('rejected: the record needs attention with the server reason and leaves the outbox', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [good, bad] = await queue(db, 2);
    // The server's rules are stricter than this (older) client's: make the queued data fail there.
    const entry = (await db.outbox.where('recordId').equals(bad!).first())!;
    await db.outbox.put({
      ...entry,
      mutation: { ...entry.mutation, data: { ...entry.mutation.data, description: 'мало' } },
    });

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 1 });

    expect((await db.records.get(good!))?.state).toBe('delivered');
    const rejected = await db.records.get(bad!);
    expect(rejected?.state).toBe('attention');
    expect(rejected?.attention).toEqual({
      reason: 'record.invalid',
      issues: [{ field: 'description', message: 'description.tooShort' }],
    });
    expect(await db.outbox.count()).toBe(0);
    expect((await readSyncStatus(db)).needsAttention).toBe(1);
  });

  it('a 503 with Retry-After keeps everything queued and reports the wait', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 3);
    server.faults.push({
      kind: 'respond',
      response: () =>
        json(503, { error: 'store.unavailable', message: 'Try later' }, { 'retry-after': '120' }),
    });

    const error = await pushOutbox(db, server.transport).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RetryableSyncError);
    expect(error).toMatchObject({ message: 'server.503', retryAfterSeconds: 120 });
    expect(await db.outbox.count()).toBe(3);
    expect(await states(db)).toEqual(['queued', 'queued', 'queued']);
  });

  it('a 500 without Retry-After is retryable with no wait given', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 1);
    server.faults.push({ kind: 'respond', response: () => new Response('oops', { status: 500 }) });

    const error = await pushOutbox(db, server.transport).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RetryableSyncError);
    expect((error as RetryableSyncError).retryAfterSeconds).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('a network failure keeps everything queued', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 2);
    server.faults.push({ kind: 'network' });

    await expect(pushOutbox(db, server.transport)).rejects.toThrow(RetryableSyncError);

    expect(server.applied).toHaveLength(0);
    expect(await db.outbox.count()).toBe(2);
    expect(await states(db)).toEqual(['queued', 'queued']);
  });

  it('a captive portal answering 200 with HTML keeps everything queued', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 1);
    server.faults.push({
      kind: 'respond',
      response: () => new Response('<html>Log in to Wi-Fi</html>', { status: 200 }),
    });

    await expect(pushOutbox(db, server.transport)).rejects.toMatchObject({ message: 'response.malformed' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('426 raises UpdateRequiredError, sets the flag and keeps the queue', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 2);
    server.faults.push({
      kind: 'respond',
      response: () => json(426, { error: 'protocol.outdated', message: 'Please update the app' }),
    });

    await expect(pushOutbox(db, server.transport)).rejects.toBeInstanceOf(UpdateRequiredError);

    expect((await readSyncStatus(db)).updateRequired).toBe(true);
    expect(await db.outbox.count()).toBe(2);
    expect(await states(db)).toEqual(['queued', 'queued']);
  });

  it('a permanent refusal (413) marks the batch for attention with the error code', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 2);
    server.faults.push({
      kind: 'respond',
      response: () => json(413, { error: 'payload.tooLarge', message: 'Too large' }),
    });

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 0 });

    const records = await db.records.toArray();
    expect(records.map((record) => record.state)).toEqual(['attention', 'attention']);
    expect(records.map((record) => record.attention?.reason)).toEqual([
      'payload.tooLarge',
      'payload.tooLarge',
    ]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a lost acknowledgement is healed by replay: same ids resent, one server-side copy', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const recordIds = await queue(db, 3);
    server.faults.push({ kind: 'dropResponse' });

    await expect(pushOutbox(db, server.transport)).rejects.toThrow(RetryableSyncError);
    // The server applied everything, the phone does not know.
    expect(server.applied).toHaveLength(3);
    expect(await states(db)).toEqual(['queued', 'queued', 'queued']);
    const firstAcceptance = recordIds.map((id) => server.records.get(id)!.change.acceptedAt);

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 3 });

    expect(server.pushes).toHaveLength(2);
    const sentIds = server.pushes.map((request) => request.push!.mutations.map((mutation) => mutation.id));
    expect(sentIds[1]).toEqual(sentIds[0]);
    expect(server.applied).toHaveLength(3);
    expect(server.records.size).toBe(3);
    for (const [index, id] of recordIds.entries()) {
      const record = await db.records.get(id);
      expect(record?.state).toBe('delivered');
      expect(record?.acceptedAt).toBe(firstAcceptance[index]);
    }
    expect(await db.outbox.count()).toBe(0);
  });

  it(`splits a large outbox into batches of at most ${PUSH_MAX_MUTATIONS}`, async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await queue(db, 250);

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 250 });

    const sizes = server.pushes.map((request) => request.push!.mutations.length);
    expect(sizes).toEqual([100, 100, 50]);
    const allIds = server.pushes.flatMap((request) => request.push!.mutations.map((mutation) => mutation.id));
    expect(allIds).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(await db.outbox.count()).toBe(0);
  }, 30_000);

  it('keeps unanswered entries in the outbox for the next push', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [first, second] = await queue(db, 2);
    const acceptedAt = '2025-05-16T10:00:00.000Z';
    server.faults.push({
      kind: 'respond',
      response: () =>
        json(200, {
          results: [{ id: 1, status: 'applied', recordId: first, acceptedAt }],
          lastMutationId: 1,
        }),
    });

    // The first answer covers only id 1; the loop pushes again and the server answers id 2.
    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 2 });

    expect(server.pushes.map((request) => request.push!.mutations.map((mutation) => mutation.id))).toEqual([
      [1, 2],
      [2],
    ]);
    expect((await db.records.get(first!))?.acceptedAt).toBe(acceptedAt);
    expect((await db.records.get(second!))?.state).toBe('delivered');
  });
});

describe('pullChanges', () => {
  it('marks a queued record delivered from a change and stores the cursor', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    server.faults.push({ kind: 'dropResponse' });
    await expect(pushOutbox(db, server.transport)).rejects.toThrow(RetryableSyncError);
    expect((await db.records.get(recordId!))?.state).toBe('queued');

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 1 });

    const record = await db.records.get(recordId!);
    expect(record?.state).toBe('delivered');
    expect(record?.acceptedAt).toBe(server.records.get(recordId!)!.change.acceptedAt);
    expect((await db.meta.get(META_PULL_CURSOR))?.value).toBe('1');
    const pull = server.pulls[0]!;
    expect(pull.url.searchParams.get('after')).toBe('');
    expect(pull.headers['x-lastivka-client']).toBe(await getClientId(db));
    expect(pull.headers['x-lastivka-protocol']).toBe(String(PROTOCOL_VERSION));
  });

  it('paginates while hasMore and continues from the stored cursor next time', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    server.pullPageSize = 2;
    const recordIds = await queue(db, 5);
    server.faults.push({ kind: 'dropResponse' });
    await expect(pushOutbox(db, server.transport)).rejects.toThrow(RetryableSyncError);

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 5 });

    expect(server.pulls.map((request) => request.url.searchParams.get('after'))).toEqual(['', '2', '4']);
    expect((await db.meta.get(META_PULL_CURSOR))?.value).toBe('5');
    for (const id of recordIds) expect((await db.records.get(id))?.state).toBe('delivered');

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 0 });
    expect(server.pulls.at(-1)!.url.searchParams.get('after')).toBe('5');
  });

  it('leaves drafts and unknown records alone', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await pushOutbox(db, server.transport);
    // The record is gone from this phone (e.g. storage cleared) but the server still lists it.
    await db.records.delete(recordId!);
    await db.meta.delete(META_PULL_CURSOR);

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 1 });
    expect(await db.records.count()).toBe(0);
  });

  it('426 raises UpdateRequiredError and 503 is retryable, neither moves the cursor', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    await db.meta.put({ key: META_PULL_CURSOR, value: '7' });
    server.faults.push({
      kind: 'respond',
      response: () => json(426, { error: 'protocol.outdated', message: 'Please update the app' }),
    });
    await expect(pullChanges(db, server.transport)).rejects.toBeInstanceOf(UpdateRequiredError);
    expect((await readSyncStatus(db)).updateRequired).toBe(true);

    server.faults.push({
      kind: 'respond',
      response: () => json(503, { error: 'store.unavailable', message: 'Later' }, { 'retry-after': '30' }),
    });
    await expect(pullChanges(db, server.transport)).rejects.toMatchObject({ retryAfterSeconds: 30 });
    expect((await db.meta.get(META_PULL_CURSOR))?.value).toBe('7');
  });

  it('after a pull healed a lost acknowledgement, the next push clears the outbox by replay', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    server.faults.push({ kind: 'dropResponse' });
    await expect(pushOutbox(db, server.transport)).rejects.toThrow(RetryableSyncError);
    await pullChanges(db, server.transport);
    const healed = await db.records.get(recordId!);
    expect(healed?.state).toBe('delivered');

    await pushOutbox(db, server.transport);

    expect(server.applied).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records.get(recordId!)).toEqual(healed);
  });
});
