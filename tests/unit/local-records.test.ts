import 'fake-indexeddb/auto';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteDraft,
  listRecords,
  RecordNotEditableError,
  readSyncStatus,
  saveDraft,
  submitRecord,
} from '../../src/local';
import { META_NEXT_MUTATION_ID } from '../../src/local/database/meta-keys';
import { isReferenceNumber } from '../../src/shared/domain';
import { MutationSchema } from '../../src/shared/protocol';
import { clock, closeAndDeleteAll, freshDatabase, VALID_REPORT } from './support/local-fixtures';

afterEach(closeAndDeleteAll);

describe('saveDraft', () => {
  it('creates a draft with a valid reference number and a fresh id', async () => {
    const db = freshDatabase();
    const record = await saveDraft(db, { service: 'damageReport', data: { description: 'Дах' } });
    expect(record.state).toBe('draft');
    expect(isReferenceNumber(record.reference)).toBe(true);
    expect(record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await db.records.get(record.id)).toEqual(record);
  });

  it('keeps partial and invalid input exactly as typed (never validates)', async () => {
    const db = freshDatabase();
    const partial = { propertyType: 'castle', oblast: '', description: '  Д' };
    const record = await saveDraft(db, { service: 'damageReport', data: partial });
    expect((await db.records.get(record.id))?.data).toEqual(partial);
    const empty = await saveDraft(db, { service: 'damageReport', data: {} });
    expect((await db.records.get(empty.id))?.data).toEqual({});
  });

  it('updates keep the id, reference and creation time, and replace the data', async () => {
    const db = freshDatabase();
    const now = clock();
    const created = await saveDraft(db, { service: 'damageReport', data: { description: 'Д' } }, now());
    const updated = await saveDraft(
      db,
      { id: created.id, service: 'damageReport', data: { description: 'Дах', oblast: 'x' } },
      now(),
    );
    expect(updated.id).toBe(created.id);
    expect(updated.reference).toBe(created.reference);
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(await db.records.count()).toBe(1);
    expect((await db.records.get(created.id))?.data).toEqual({ description: 'Дах', oblast: 'x' });
  });

  it('creates a draft under a caller-chosen id (the page makes the id before the first save)', async () => {
    const db = freshDatabase();
    const id = crypto.randomUUID();
    const record = await saveDraft(db, { id, service: 'damageReport', data: {} });
    expect(record.id).toBe(id);
    expect(await db.records.count()).toBe(1);
  });

  it('copies the data, so later changes to the caller object are not saved by accident', async () => {
    const db = freshDatabase();
    const data = { description: 'перше' };
    const record = await saveDraft(db, { service: 'damageReport', data });
    data.description = 'змінено';
    expect((await db.records.get(record.id))?.data.description).toBe('перше');
  });

  it('refuses to change a queued record', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, draft.id);
    await expect(
      saveDraft(db, { id: draft.id, service: 'damageReport', data: { description: 'інше' } }),
    ).rejects.toBeInstanceOf(RecordNotEditableError);
    expect((await db.records.get(draft.id))?.data).toEqual(VALID_REPORT);
  });
});

describe('submitRecord', () => {
  it('returns the issues for invalid data and writes nothing', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, {
      service: 'damageReport',
      data: { ...VALID_REPORT, description: 'коротко' },
    });
    const outcome = await submitRecord(db, draft.id);
    expect(outcome).toEqual({
      ok: false,
      issues: [{ field: 'description', message: 'description.tooShort' }],
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.meta.get(META_NEXT_MUTATION_ID)).toBeUndefined();
    expect(await db.records.get(draft.id)).toEqual(draft);
  });

  it('returns translation keys for an untouched form', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: {} });
    const outcome = await submitRecord(db, draft.id);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((issue) => issue.field)).toEqual(
      expect.arrayContaining(['propertyType', 'description']),
    );
    for (const issue of outcome.issues) expect(issue.message).toMatch(/^[a-zA-Z]+\.required$/);
  });

  it('queues valid data with exactly one outbox entry carrying the fields as typed', async () => {
    const db = freshDatabase();
    const now = clock();
    // Not normalised: the server stores what was sent, so the phone's values stay valid merge bases.
    const typed = { ...VALID_REPORT, description: `  ${VALID_REPORT.description}\n` };
    const draft = await saveDraft(db, { service: 'damageReport', data: typed }, now());
    const submittedAt = now();
    const outcome = await submitRecord(db, draft.id, submittedAt);
    expect(outcome.ok).toBe(true);

    const stored = await db.records.get(draft.id);
    expect(stored?.state).toBe('queued');
    expect(stored?.submittedAt).toBe(submittedAt.toISOString());
    expect(stored?.data).toEqual(typed);

    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ mutationId: 1, recordId: draft.id });
    expect(entries[0]!.mutation).toEqual({
      id: 1,
      type: 'record/submit',
      recordId: draft.id,
      service: 'damageReport',
      reference: draft.reference,
      capturedAt: draft.createdAt,
      fields: typed,
    });
    expect(v.parse(MutationSchema, entries[0]!.mutation)).toEqual(entries[0]!.mutation);
  });

  it('gives increasing mutation ids across submissions: 1, 2, 3', async () => {
    const db = freshDatabase();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
      await submitRecord(db, draft.id);
      const entry = await db.outbox.where('recordId').equals(draft.id).first();
      ids.push(entry!.mutationId);
    }
    expect(ids).toEqual([1, 2, 3]);
    expect((await db.meta.get(META_NEXT_MUTATION_ID))?.value).toBe(4);
  });

  it('does not reuse a mutation id after the outbox empties', async () => {
    const db = freshDatabase();
    const first = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, first.id);
    await db.outbox.clear();
    const second = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, second.id);
    expect((await db.outbox.toArray()).map((entry) => entry.mutationId)).toEqual([2]);
  });

  it('refuses a record that is already queued (no second outbox entry)', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, draft.id);
    await expect(submitRecord(db, draft.id)).rejects.toBeInstanceOf(RecordNotEditableError);
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses an unknown record', async () => {
    const db = freshDatabase();
    await expect(submitRecord(db, crypto.randomUUID())).rejects.toThrow('record.notFound');
    expect(await db.outbox.count()).toBe(0);
  });

  it('accepts a record that needs attention and clears the attention', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await db.records.put({
      ...draft,
      state: 'attention',
      attention: { reason: 'record.invalid', issues: [] },
    });
    const outcome = await submitRecord(db, draft.id);
    expect(outcome.ok).toBe(true);
    const stored = await db.records.get(draft.id);
    expect(stored?.state).toBe('queued');
    expect(stored?.attention).toBeUndefined();
  });

  it('is atomic: when the outbox write fails, the record stays a draft and the counter is unchanged', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    const other = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, other.id); // counter is now 2
    // Occupy the id the counter will hand out next, so `outbox.add` fails with a ConstraintError.
    const blocker = { ...(await db.outbox.get(1))!, mutationId: 2 };
    await db.outbox.add(blocker);

    await expect(submitRecord(db, draft.id)).rejects.toMatchObject({ name: 'ConstraintError' });

    expect(await db.records.get(draft.id)).toEqual(draft);
    expect((await db.meta.get(META_NEXT_MUTATION_ID))?.value).toBe(2);
    expect(await db.outbox.where('recordId').equals(draft.id).count()).toBe(0);
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('deleteDraft', () => {
  it('deletes a draft', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: {} });
    await deleteDraft(db, draft.id);
    expect(await db.records.get(draft.id)).toBeUndefined();
  });

  it('refuses a queued record and keeps it and its outbox entry', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, draft.id);
    await expect(deleteDraft(db, draft.id)).rejects.toBeInstanceOf(RecordNotEditableError);
    expect((await db.records.get(draft.id))?.state).toBe('queued');
    expect(await db.outbox.count()).toBe(1);
  });

  it('does nothing for an unknown id', async () => {
    const db = freshDatabase();
    await saveDraft(db, { service: 'damageReport', data: {} });
    await expect(deleteDraft(db, crypto.randomUUID())).resolves.toBeUndefined();
    expect(await db.records.count()).toBe(1);
  });
});

describe('listRecords', () => {
  it('orders by last change, newest first', async () => {
    const db = freshDatabase();
    const now = clock();
    const a = await saveDraft(db, { service: 'damageReport', data: { description: 'a' } }, now());
    const b = await saveDraft(db, { service: 'damageReport', data: { description: 'b' } }, now());
    const c = await saveDraft(db, { service: 'damageReport', data: { description: 'c' } }, now());
    expect((await listRecords(db)).map((record) => record.id)).toEqual([c.id, b.id, a.id]);
    // Editing the oldest makes it the newest.
    await saveDraft(db, { id: a.id, service: 'damageReport', data: { description: 'a2' } }, now());
    expect((await listRecords(db)).map((record) => record.id)).toEqual([a.id, c.id, b.id]);
  });

  it('is empty for a new database', async () => {
    expect(await listRecords(freshDatabase())).toEqual([]);
  });
});

describe('readSyncStatus', () => {
  it('counts waiting outbox entries and records needing attention', async () => {
    const db = freshDatabase();
    expect(await readSyncStatus(db)).toEqual({
      waiting: 0,
      needsAttention: 0,
      lastDeliveryAt: null,
      updateRequired: false,
      signInRequired: false,
    });
    await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    for (let i = 0; i < 3; i++) {
      const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
      await submitRecord(db, draft.id);
    }
    const flagged = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await db.records.put({ ...flagged, state: 'attention', attention: { reason: 'x', issues: [] } });

    const status = await readSyncStatus(db);
    expect(status.waiting).toBe(3);
    expect(status.needsAttention).toBe(1);
  });
});
