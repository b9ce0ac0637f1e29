import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  editRecord,
  getClientId,
  type LocalDatabase,
  pullChanges,
  pushOutbox,
  RetryableSyncError,
  readSyncStatus,
  resolveConflict,
  saveDraft,
  submitRecord,
  UpdateRequiredError,
  withdrawRecord,
} from '../../src/local';
import { META_PULL_CURSOR } from '../../src/local/database/meta-keys';
import { PROTOCOL_VERSION, PUSH_MAX_MUTATIONS, type SubmitRecordMutation } from '../../src/shared/protocol';
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

/** One push and one pull, as a sync round does. */
async function syncBoth(db: LocalDatabase, server: FakeSyncServer): Promise<void> {
  await pushOutbox(db, server.transport);
  await pullChanges(db, server.transport);
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
    expect(record?.acceptedAt).toBe(server.records.get(recordId!)!.acceptedAt);
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
    const submit = entry.mutation as SubmitRecordMutation;
    await db.outbox.put({
      ...entry,
      mutation: { ...submit, fields: { ...submit.fields, description: 'мало' } },
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
    const firstAcceptance = recordIds.map((id) => server.records.get(id)!.acceptedAt);

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
    const total = 2 * PUSH_MAX_MUTATIONS + 50;
    await queue(db, total);

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: total });

    const sizes = server.pushes.map((request) => request.push!.mutations.length);
    expect(sizes).toEqual([PUSH_MAX_MUTATIONS, PUSH_MAX_MUTATIONS, 50]);
    const allIds = server.pushes.flatMap((request) => request.push!.mutations.map((mutation) => mutation.id));
    expect(allIds).toEqual(Array.from({ length: total }, (_, index) => index + 1));
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
          results: [{ id: 1, status: 'applied', recordId: first, version: 1, acceptedAt }],
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
  it('brings the server snapshot of a delivered record and stores the cursor', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await pushOutbox(db, server.transport);

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 1 });

    const record = await db.records.get(recordId!);
    const stored = server.records.get(recordId!)!;
    expect(record?.state).toBe('delivered');
    expect(record?.acceptedAt).toBe(stored.acceptedAt);
    expect(record?.server).toMatchObject({ version: 1, status: 'received', conflicts: [], amendments: [] });
    expect(record?.server?.timeline.map((event) => event.kind)).toEqual(['delivered']);
    // What the person sees is the server's field map (the status is one of its fields).
    expect(record?.data).toEqual(stored.fields);
    expect(record?.data.status).toBe('received');
    expect(record?.unseen).toBe(false);
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
    await pushOutbox(db, server.transport);

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 5 });

    expect(server.pulls.map((request) => request.url.searchParams.get('after'))).toEqual(['', '2', '4']);
    expect((await db.meta.get(META_PULL_CURSOR))?.value).toBe('5');
    for (const id of recordIds) {
      const record = await db.records.get(id);
      expect(record?.state).toBe('delivered');
      expect(record?.server?.version).toBe(1);
    }

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 0 });
    expect(server.pulls.at(-1)!.url.searchParams.get('after')).toBe('5');
  });

  it('restores a record missing on this phone (a reinstall) and leaves drafts alone', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await pushOutbox(db, server.transport);
    const draft = await saveDraft(db, { service: 'damageReport', data: { description: 'почато' } });
    // The record is gone from this phone (e.g. storage cleared) but the server still lists it.
    await db.records.delete(recordId!);
    await db.meta.delete(META_PULL_CURSOR);

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 1 });

    expect(await db.records.count()).toBe(2);
    const stored = server.records.get(recordId!)!;
    const restored = await db.records.get(recordId!);
    expect(restored).toMatchObject({
      id: recordId,
      service: 'damageReport',
      reference: stored.reference,
      state: 'delivered',
      data: stored.fields,
      acceptedAt: stored.acceptedAt,
      createdAt: stored.acceptedAt,
      unseen: false,
    });
    expect(await db.records.get(draft.id)).toEqual(draft);
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

  it('after a lost acknowledgement a pull shows the server view, and the next push clears the outbox by replay', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    server.faults.push({ kind: 'dropResponse' });
    await expect(pushOutbox(db, server.transport)).rejects.toThrow(RetryableSyncError);
    await pullChanges(db, server.transport);
    const pulled = await db.records.get(recordId!);
    // The submission is still in the outbox, so the phone keeps saying "queued" until it is answered.
    expect(pulled?.state).toBe('queued');
    expect(pulled?.server?.version).toBe(1);
    expect(pulled?.acceptedAt).toBe(server.records.get(recordId!)!.acceptedAt);

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 1 });

    expect(server.applied).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records.get(recordId!)).toEqual({ ...pulled, state: 'delivered' });
  });

  it('an office correction arrives as a new version, marked unseen, with the correction in the timeline', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await syncBoth(db, server);
    const corrected = 'Вибито всі вікна, балкон пошкоджено частково';
    server.officeCorrect(recordId!, { description: corrected });

    expect(await pullChanges(db, server.transport)).toEqual({ changes: 1 });

    const record = await db.records.get(recordId!);
    expect(record?.data.description).toBe(corrected);
    expect(record?.server?.version).toBe(2);
    expect(record?.unseen).toBe(true);
    expect(record?.state).toBe('delivered');
    expect(record?.server?.timeline.at(-1)).toMatchObject({ kind: 'correction', detail: 'description' });
  });

  it('unsent edits stay laid over a pulled snapshot', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await syncBoth(db, server);
    await editRecord(db, recordId!, { oblast: 'UA80000000000093317' });
    const corrected = 'Вибито всі вікна, балкон пошкоджено частково';
    server.officeCorrect(recordId!, { description: corrected });

    await pullChanges(db, server.transport);

    const record = await db.records.get(recordId!);
    expect(record?.state).toBe('queued');
    expect(record?.data.description).toBe(corrected);
    expect(record?.data.oblast).toBe('UA80000000000093317');
    expect(record?.server?.fields.oblast).toBe(VALID_REPORT.oblast);

    await syncBoth(db, server);
    expect(server.records.get(recordId!)!.fields).toMatchObject({
      oblast: 'UA80000000000093317',
      description: corrected,
    });
    expect((await db.records.get(recordId!))?.state).toBe('delivered');
  });
});

describe('v2 push results', () => {
  it('merged: a frozen field becomes an amendment the office reviews; the value stays until it decides', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await syncBoth(db, server);
    await editRecord(db, recordId!, { propertyType: 'house' });

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 1 });

    expect(server.answers.at(-1)).toEqual([
      expect.objectContaining({ status: 'merged', amendments: ['propertyType'], version: 1 }),
    ]);
    expect((await db.records.get(recordId!))?.state).toBe('delivered');
    await pullChanges(db, server.transport);
    const record = await db.records.get(recordId!);
    expect(record?.server?.amendments).toEqual([
      expect.objectContaining({ path: 'propertyType', value: 'house', state: 'pending' }),
    ]);
    expect(record?.data.propertyType).toBe(VALID_REPORT.propertyType);
  });

  it('rejected: an office-owned field needs attention with the reason per field', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await syncBoth(db, server);
    await editRecord(db, recordId!, { status: 'approved' });

    expect(await pushOutbox(db, server.transport)).toEqual({ delivered: 0 });

    const record = await db.records.get(recordId!);
    expect(record?.state).toBe('attention');
    expect(record?.attention).toEqual({
      reason: 'field.officeOwned',
      issues: [{ field: 'status', message: 'field.officeOwned' }],
    });
    expect(server.records.get(recordId!)!.fields.status).toBe('received');
  });

  it('withdraw: the server status becomes withdrawn and a pull shows it', async () => {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await syncBoth(db, server);
    await withdrawRecord(db, recordId!);

    await syncBoth(db, server);

    expect(server.records.get(recordId!)!.status).toBe('withdrawn');
    const record = await db.records.get(recordId!);
    expect(record?.state).toBe('delivered');
    expect(record?.server?.status).toBe('withdrawn');
    expect(record?.server?.version).toBe(2);
  });
});

describe('conflict round trip against the fake server', () => {
  const personText = 'Вибито всі вікна, балкон і двері на кухню';
  const officeText = 'Вибито всі вікна, пошкоджено балкон (уточнено)';
  /** What `queue` sent for the first record. */
  const sentText = `${VALID_REPORT.description} №1`;

  /** submit → deliver → office corrects `description` → the person edits it offline → conflict. */
  async function reachConflict() {
    const db = freshDatabase();
    const server = new FakeSyncServer();
    const [recordId] = await queue(db, 1);
    await syncBoth(db, server);
    expect((await db.records.get(recordId!))?.state).toBe('delivered');

    server.officeCorrect(recordId!, { description: officeText });
    // Offline: the phone still shows the description it sent, and the person changes it.
    await editRecord(db, recordId!, { description: personText });
    const edit = (await db.outbox.toArray()).at(-1)!.mutation;
    expect(edit).toMatchObject({
      type: 'record/setFields',
      changes: [{ path: 'description', base: sentText, value: personText }],
    });

    await pushOutbox(db, server.transport);
    const answer = server.answers.at(-1)!;
    expect(answer).toEqual([
      expect.objectContaining({
        status: 'conflict',
        conflicts: [expect.objectContaining({ path: 'description' })],
      }),
    ]);
    // The office's value stays on the server until the person decides.
    expect(server.records.get(recordId!)!.fields.description).toBe(officeText);

    await pullChanges(db, server.transport);
    const record = (await db.records.get(recordId!))!;
    expect(record.server?.conflicts).toEqual([
      expect.objectContaining({
        path: 'description',
        base: sentText,
        server: officeText,
        client: personText,
      }),
    ]);
    const conflictId = record.server!.conflicts[0]!.conflictId;
    expect(answer[0]).toMatchObject({ conflicts: [{ conflictId }] });
    return { db, server, recordId: recordId!, conflictId };
  }

  it("choosing 'client' makes the person's value the server's", async () => {
    const { db, server, recordId, conflictId } = await reachConflict();

    await resolveConflict(db, recordId, conflictId, 'client');
    const shown = await db.records.get(recordId);
    expect(shown?.data.description).toBe(personText);
    expect(shown?.resolvingConflicts).toEqual([conflictId]);
    expect(shown?.state).toBe('queued');

    await pushOutbox(db, server.transport);
    expect(server.answers.at(-1)).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(server.records.get(recordId)!.fields.description).toBe(personText);

    await pullChanges(db, server.transport);
    const record = await db.records.get(recordId);
    expect(record?.data.description).toBe(personText);
    expect(record?.server?.conflicts).toEqual([]);
    expect(record?.resolvingConflicts).toBeUndefined();
    expect(record?.state).toBe('delivered');
  });

  it("choosing 'server' keeps the office's value", async () => {
    const { db, server, recordId, conflictId } = await reachConflict();
    const versionBefore = server.records.get(recordId)!.version;

    await resolveConflict(db, recordId, conflictId, 'server');
    expect((await db.records.get(recordId))?.data.description).toBe(officeText);

    await pushOutbox(db, server.transport);
    expect(server.answers.at(-1)).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(server.records.get(recordId)!.fields.description).toBe(officeText);
    expect(server.records.get(recordId)!.version).toBe(versionBefore);

    await pullChanges(db, server.transport);
    const record = await db.records.get(recordId);
    expect(record?.data.description).toBe(officeText);
    expect(record?.server?.conflicts).toEqual([]);
    expect(record?.state).toBe('delivered');
  });
});
