import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalDatabase, openLocalDatabase } from '../../src/local';
import { META_CLIENT_ID, META_NEXT_MUTATION_ID } from '../../src/local/database/meta-keys';
import { createReferenceNumber } from '../../src/shared/domain';
import { MutationSchema } from '../../src/shared/protocol';

// A phone that ran the previous release has a version-1 database with submissions still queued in
// the v1 shape. Updating the app must carry every one of them over, rewritten to protocol 2.

const OLD_DATA = [
  {
    propertyType: 'apartment',
    oblast: 'UA63000000000041885',
    description: 'Вибито всі вікна, пошкоджено балкон',
  },
  { propertyType: 'house', oblast: 'UA80000000000093317', description: 'Розбито вікна й дах' },
  { propertyType: 'garden_house', oblast: 'UA32000000000030281', description: 'Згоріла веранда й дах' },
];

interface OldFixture {
  recordIds: string[];
  references: string[];
}

/** The database exactly as the previous release created and filled it (Dexie version 1). */
async function createPreviousReleaseDatabase(name: string, indexedDB: IDBFactory): Promise<OldFixture> {
  const old = new Dexie(name, { indexedDB, IDBKeyRange });
  old.version(1).stores({
    records: 'id, state, updatedAt',
    outbox: 'mutationId, recordId',
    meta: 'key',
  });
  const recordIds: string[] = [];
  const references: string[] = [];
  await old.open();
  for (const [index, data] of OLD_DATA.entries()) {
    const id = crypto.randomUUID();
    const reference = createReferenceNumber((bytes) => crypto.getRandomValues(bytes));
    const createdAt = `2025-05-1${index}T08:00:00.000Z`;
    const submittedAt = `2025-05-1${index}T08:05:00.000Z`;
    recordIds.push(id);
    references.push(reference);
    await old.table('records').put({
      id,
      service: 'damageReport',
      reference,
      state: 'queued',
      data,
      createdAt,
      updatedAt: submittedAt,
      submittedAt,
    });
    await old.table('outbox').put({
      mutationId: index + 1,
      recordId: id,
      mutation: {
        id: index + 1,
        type: 'damageReport/submit',
        recordId: id,
        reference,
        capturedAt: createdAt,
        data,
      },
      enqueuedAt: submittedAt,
    });
  }
  await old.table('meta').bulkPut([
    { key: META_CLIENT_ID, value: '3f0c1a52-8d7e-4b8a-9f3e-2a1b4c5d6e7f' },
    { key: META_NEXT_MUTATION_ID, value: OLD_DATA.length + 1 },
  ]);
  old.close();
  return { recordIds, references };
}

const opened: LocalDatabase[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function upgrade(name: string, indexedDB: IDBFactory): Promise<LocalDatabase> {
  const db = openLocalDatabase(name, indexedDB);
  opened.push(db);
  await db.open();
  return db;
}

describe('Dexie upgrade from the previous release (version 1)', () => {
  it('keeps every record and outbox entry and rewrites queued mutations to record/submit', async () => {
    const indexedDB = new IDBFactory();
    const name = `lastivka-upgrade-${crypto.randomUUID()}`;
    const { recordIds, references } = await createPreviousReleaseDatabase(name, indexedDB);

    const db = await upgrade(name, indexedDB);

    // Through version 2 (the rewrite) and any later steps.
    expect(db.verno).toBeGreaterThanOrEqual(2);
    const records = await db.records.toArray();
    expect(records.map((record) => record.id).sort()).toEqual([...recordIds].sort());
    for (const [index, id] of recordIds.entries()) {
      expect(await db.records.get(id)).toMatchObject({ state: 'queued', data: OLD_DATA[index] });
    }

    const entries = await db.outbox.orderBy('mutationId').toArray();
    expect(entries).toHaveLength(3);
    for (const [index, entry] of entries.entries()) {
      expect(entry.mutationId).toBe(index + 1);
      expect(entry.recordId).toBe(recordIds[index]);
      expect(entry.mutation).toEqual({
        id: index + 1,
        type: 'record/submit',
        recordId: recordIds[index],
        service: 'damageReport',
        reference: references[index],
        capturedAt: `2025-05-1${index}T08:00:00.000Z`,
        fields: OLD_DATA[index],
      });
      expect(v.parse(MutationSchema, entry.mutation)).toEqual(entry.mutation);
    }

    // The device identity and the id counter carry over, so nothing is sent under a reused id.
    expect((await db.meta.get(META_CLIENT_ID))?.value).toBe('3f0c1a52-8d7e-4b8a-9f3e-2a1b4c5d6e7f');
    expect((await db.meta.get(META_NEXT_MUTATION_ID))?.value).toBe(4);
    // The indexes of version 1 still work.
    expect(await db.records.where('state').equals('queued').count()).toBe(3);
    expect(await db.outbox.where('recordId').equals(recordIds[1]!).count()).toBe(1);
  });

  it('opening the upgraded database again changes nothing', async () => {
    const indexedDB = new IDBFactory();
    const name = `lastivka-upgrade-${crypto.randomUUID()}`;
    await createPreviousReleaseDatabase(name, indexedDB);
    const first = await upgrade(name, indexedDB);
    const before = await first.outbox.toArray();
    first.close();

    const second = await upgrade(name, indexedDB);

    expect(await second.outbox.toArray()).toEqual(before);
  });
});
