import 'fake-indexeddb/auto';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  editRecord,
  type LocalDatabase,
  type LocalRecord,
  resolveConflict,
  saveDraft,
  submitRecord,
  withdrawRecord,
} from '../../src/local';
import { META_NEXT_MUTATION_ID } from '../../src/local/database/meta-keys';
import { type Conflict, MutationSchema } from '../../src/shared/protocol';
import type { FieldValue } from '../../src/shared/record';
import { clock, closeAndDeleteAll, freshDatabase, VALID_REPORT } from './support/local-fixtures';

afterEach(closeAndDeleteAll);

const CONFLICT_ID = '66666666-6666-4666-8666-666666666666';

/**
 * A submitted record the server has (its submission left the outbox), as a pull leaves it:
 * the server's fields, a server view, optionally with open conflicts.
 */
async function deliveredRecord(
  db: LocalDatabase,
  options: { conflicts?: Conflict[]; fields?: Record<string, FieldValue> } = {},
): Promise<LocalRecord> {
  const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
  const outcome = await submitRecord(db, draft.id);
  if (!outcome.ok) throw new Error('fixture is invalid');
  await db.outbox.clear();
  const fields = { ...VALID_REPORT, status: 'received', ...options.fields };
  const record: LocalRecord = {
    ...outcome.record,
    state: 'delivered',
    data: { ...fields },
    acceptedAt: '2025-05-16T10:00:00.000Z',
    server: {
      version: 2,
      status: 'received',
      fields,
      conflicts: options.conflicts ?? [],
      amendments: [],
      timeline: [],
      updatedAt: '2025-05-16T10:00:00.000Z',
    },
  };
  await db.records.put(record);
  return record;
}

const CONFLICT: Conflict = {
  conflictId: CONFLICT_ID,
  path: 'description',
  base: VALID_REPORT.description as string,
  server: 'Вибито всі вікна (уточнено офісом)',
  client: 'Вибито всі вікна і двері на кухню',
  createdAt: '2025-05-16T10:05:00.000Z',
};

describe('editRecord', () => {
  it('writes one setFields whose base is the value the person saw', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db);
    const now = clock(Date.parse('2025-05-16T12:00:00.000Z'));

    const at = now();
    const edited = await editRecord(
      db,
      record.id,
      { description: 'Вибито всі вікна, балкон і двері', phone: '+380501234567' },
      at,
    );

    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ recordId: record.id, enqueuedAt: at.toISOString() });
    expect(entries[0]!.mutation).toEqual({
      id: entries[0]!.mutationId,
      type: 'record/setFields',
      recordId: record.id,
      changes: [
        { path: 'description', base: VALID_REPORT.description, value: 'Вибито всі вікна, балкон і двері' },
        { path: 'phone', base: VALID_REPORT.phone, value: '+380501234567' },
      ],
    });
    expect(v.parse(MutationSchema, entries[0]!.mutation)).toEqual(entries[0]!.mutation);
    expect(edited).toMatchObject({ state: 'queued', updatedAt: at.toISOString() });
    expect(edited.data).toMatchObject({
      description: 'Вибито всі вікна, балкон і двері',
      phone: '+380501234567',
    });
    expect(await db.records.get(record.id)).toEqual(edited);
  });

  it('a second offline edit takes the first edit (what the person now sees) as its base', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db);
    await editRecord(db, record.id, { description: 'Перша правка опису пошкоджень' });
    await editRecord(db, record.id, { description: 'Друга правка опису пошкоджень' });

    const changes = (await db.outbox.toArray()).map((entry) =>
      entry.mutation.type === 'record/setFields' ? entry.mutation.changes : [],
    );
    expect(changes).toEqual([
      [{ path: 'description', base: VALID_REPORT.description, value: 'Перша правка опису пошкоджень' }],
      [
        {
          path: 'description',
          base: 'Перша правка опису пошкоджень',
          value: 'Друга правка опису пошкоджень',
        },
      ],
    ]);
  });

  it('a field the record does not have yet has base null', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db);
    await editRecord(db, record.id, { email: 'olena@example.com' });
    const entry = (await db.outbox.toArray())[0]!;
    expect(entry.mutation).toMatchObject({
      changes: [{ path: 'email', base: null, value: 'olena@example.com' }],
    });
  });

  it('skips unchanged values (lists compared by value) and writes nothing when nothing changed', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db);

    const same = await editRecord(db, record.id, {
      description: VALID_REPORT.description!,
      damagedElements: ['roof', 'windows'],
    });
    expect(same).toEqual(record);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.meta.get(META_NEXT_MUTATION_ID)).toMatchObject({ value: 2 });
    expect(await db.records.get(record.id)).toEqual(record);

    await editRecord(db, record.id, { description: VALID_REPORT.description!, phone: '+380501234567' });
    const entry = (await db.outbox.toArray())[0]!;
    expect(entry.mutation).toMatchObject({ changes: [{ path: 'phone' }] });
  });

  it('clears the attention of a record the server refused an edit of', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db);
    await db.records.put({
      ...record,
      state: 'attention',
      attention: { reason: 'field.officeOwned', issues: [] },
    });
    const edited = await editRecord(db, record.id, { phone: '+380501234567' });
    expect(edited.state).toBe('queued');
    expect(edited.attention).toBeUndefined();
  });

  it('is atomic: when the outbox write fails, neither the record nor the counter changes', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db); // the submission used id 1; the counter says 2
    // Occupy the id the counter will hand out next, so `outbox.add` fails with a ConstraintError.
    await db.outbox.add({
      mutationId: 2,
      recordId: crypto.randomUUID(),
      mutation: { id: 2, type: 'record/withdraw', recordId: crypto.randomUUID() },
      enqueuedAt: '2025-05-16T10:00:00.000Z',
    });

    await expect(editRecord(db, record.id, { phone: '+380501234567' })).rejects.toMatchObject({
      name: 'ConstraintError',
    });

    expect(await db.records.get(record.id)).toEqual(record);
    expect((await db.meta.get(META_NEXT_MUTATION_ID))?.value).toBe(2);
    expect(await db.outbox.where('recordId').equals(record.id).count()).toBe(0);
  });

  it('refuses drafts and unknown records, writing nothing', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await expect(editRecord(db, draft.id, { description: 'інший опис пошкоджень' })).rejects.toThrow(
      'record.notSubmitted',
    );
    await expect(editRecord(db, crypto.randomUUID(), { description: 'x' })).rejects.toThrow(
      'record.notFound',
    );
    expect(await db.records.get(draft.id)).toEqual(draft);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('resolveConflict', () => {
  it.each([
    ['client', CONFLICT.client],
    ['server', CONFLICT.server],
  ] as const)("choice '%s' enqueues the resolution and shows the chosen value", async (choice, shown) => {
    const db = freshDatabase();
    const record = await deliveredRecord(db, {
      conflicts: [CONFLICT],
      fields: { description: CONFLICT.server },
    });
    const at = new Date('2025-05-16T12:00:00.000Z');

    await resolveConflict(db, record.id, CONFLICT_ID, choice, at);

    const entries = await db.outbox.toArray();
    expect(entries.map((entry) => entry.mutation)).toEqual([
      { id: 2, type: 'record/resolveConflict', recordId: record.id, conflictId: CONFLICT_ID, choice },
    ]);
    expect(v.parse(MutationSchema, entries[0]!.mutation)).toEqual(entries[0]!.mutation);
    const stored = await db.records.get(record.id);
    expect(stored).toMatchObject({
      state: 'queued',
      updatedAt: at.toISOString(),
      resolvingConflicts: [CONFLICT_ID],
    });
    expect(stored?.data.description).toBe(shown);
  });

  it('refuses a conflict the record does not have, writing nothing', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db);
    await expect(resolveConflict(db, record.id, CONFLICT_ID, 'client')).rejects.toThrow('conflict.notFound');
    await expect(resolveConflict(db, crypto.randomUUID(), CONFLICT_ID, 'client')).rejects.toThrow(
      'conflict.notFound',
    );
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records.get(record.id)).toEqual(record);
  });
});

describe('withdrawRecord', () => {
  it('enqueues a withdrawal and marks the record queued', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db);
    await withdrawRecord(db, record.id);
    const entries = await db.outbox.toArray();
    expect(entries.map((entry) => entry.mutation)).toEqual([
      { id: 2, type: 'record/withdraw', recordId: record.id },
    ]);
    expect(v.parse(MutationSchema, entries[0]!.mutation)).toEqual(entries[0]!.mutation);
    expect((await db.records.get(record.id))?.state).toBe('queued');
  });

  it('refuses a draft and an unknown record', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await expect(withdrawRecord(db, draft.id)).rejects.toThrow('record.notSubmitted');
    await expect(withdrawRecord(db, crypto.randomUUID())).rejects.toThrow('record.notSubmitted');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.records.get(draft.id))?.state).toBe('draft');
  });
});

describe('mutation ids', () => {
  it('keep increasing across submit, edit, resolve and withdraw, also after the outbox empties', async () => {
    const db = freshDatabase();
    const record = await deliveredRecord(db, { conflicts: [CONFLICT] }); // submit: 1, then delivered
    await editRecord(db, record.id, { phone: '+380501234567' });
    await resolveConflict(db, record.id, CONFLICT_ID, 'client');
    await db.outbox.clear(); // delivered
    const other = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, other.id);
    await withdrawRecord(db, record.id);

    const entries = await db.outbox.toArray();
    expect(entries.map((entry) => [entry.mutationId, entry.mutation.type])).toEqual([
      [4, 'record/submit'],
      [5, 'record/withdraw'],
    ]);
    expect((await db.meta.get(META_NEXT_MUTATION_ID))?.value).toBe(6);
    for (const entry of entries) expect(entry.mutation.id).toBe(entry.mutationId);
  });

  it('are 1, 2, 3 for submit, edit, resolve in one outbox', async () => {
    const db = freshDatabase();
    const draft = await saveDraft(db, { service: 'damageReport', data: VALID_REPORT });
    await submitRecord(db, draft.id);
    // Still queued, but the server has seen it and reported a conflict on a pull meanwhile.
    const queued = (await db.records.get(draft.id))!;
    await db.records.put({
      ...queued,
      server: {
        version: 2,
        status: 'received',
        fields: { ...queued.data },
        conflicts: [CONFLICT],
        amendments: [],
        timeline: [],
        updatedAt: '2025-05-16T10:00:00.000Z',
      },
    });
    await editRecord(db, draft.id, { phone: '+380501234567' });
    await resolveConflict(db, draft.id, CONFLICT_ID, 'server');

    const entries = await db.outbox.orderBy('mutationId').toArray();
    expect(entries.map((entry) => [entry.mutationId, entry.mutation.type])).toEqual([
      [1, 'record/submit'],
      [2, 'record/setFields'],
      [3, 'record/resolveConflict'],
    ]);
    for (const entry of entries) expect(v.safeParse(MutationSchema, entry.mutation).success).toBe(true);
  });
});
