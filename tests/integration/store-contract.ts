import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidCursorError, type Store } from '../../src/server/store/store';
import type { Mutation, RecordChange } from '../../src/shared/protocol';
import { newId, submitMutation, VALID_DATA } from './fixtures';

/** What each backend's test file provides: a database of its own that can be reopened and sabotaged. */
export interface StoreHarness {
  /** Opens a new store instance on this harness's database (again, after a close, for durability). */
  open(): Promise<Store>;
  /** Installs a database trigger that fails any change-log insert for this record, mid-transaction. */
  failChangeLogInsertFor(recordId: string): Promise<void>;
  /** Closes what `open` returned and removes the database. */
  dispose(): Promise<void>;
}

const T0 = new Date('2026-03-02T08:00:00.000Z');
const T1 = new Date('2026-03-02T09:30:00.000Z');

export function describeStoreContract(name: string, createHarness: () => Promise<StoreHarness>): void {
  describe(`${name} store contract`, () => {
    let harness: StoreHarness;
    let store: Store;
    let clientId: string;

    beforeEach(async () => {
      harness = await createHarness();
      store = await harness.open();
      clientId = newId();
    });

    afterEach(async () => {
      await harness?.dispose();
    });

    const push = (mutations: Mutation[], now = T0, client = clientId) =>
      store.applyPush({ clientId: client, mutations }, now);

    it('applies a new mutation and stores the validated record', async () => {
      const mutation = submitMutation(1, {
        data: { ...VALID_DATA, description: '  Зруйновано дах і вікна  ' },
      });
      const response = await push([mutation]);

      expect(response).toEqual({
        results: [{ id: 1, status: 'applied', recordId: mutation.recordId, acceptedAt: T0.toISOString() }],
        lastMutationId: 1,
      });
      expect(await store.countRecords()).toBe(1);
      expect(await store.getRecord(mutation.recordId)).toEqual({
        recordId: mutation.recordId,
        clientId,
        service: 'damageReport',
        reference: mutation.reference,
        status: 'received',
        data: VALID_DATA,
        capturedAt: mutation.capturedAt,
        acceptedAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
      });
    });

    it('answers a replayed batch from the stored results without writing again', async () => {
      const batch = [submitMutation(1), submitMutation(2, { data: { description: 'x' } }), submitMutation(3)];
      const first = await push(batch, T0);
      const replay = await push(batch, T1);

      expect(replay).toEqual(first);
      expect(await store.countRecords()).toBe(2);
      expect((await store.getRecord(batch[0]!.recordId))?.acceptedAt).toBe(T0.toISOString());
    });

    it('rejects invalid data with reasons, advances past it and applies the rest of the batch', async () => {
      const bad = submitMutation(1, {
        data: { propertyType: 'castle', oblast: 'UA05000000000010236', description: 'short' },
      });
      const good = submitMutation(2);
      const response = await push([bad, good]);

      expect(response.lastMutationId).toBe(2);
      expect(response.results[0]).toEqual({
        id: 1,
        status: 'rejected',
        recordId: bad.recordId,
        reason: 'record.invalid',
        issues: [
          { field: 'propertyType', message: 'propertyType.required' },
          { field: 'description', message: 'description.tooShort' },
        ],
      });
      expect(response.results[1]).toMatchObject({ id: 2, status: 'applied', recordId: good.recordId });
      expect(await store.getRecord(bad.recordId)).toBeUndefined();
      expect(await store.countRecords()).toBe(1);
      expect((await store.pull(clientId, '', 10)).lastMutationId).toBe(2);
    });

    it("refuses a record id that belongs to another client and leaves the owner's record alone", async () => {
      const original = submitMutation(1);
      await push([original], T0);
      const intruder = newId();
      const response = await push([submitMutation(1, { recordId: original.recordId })], T1, intruder);

      expect(response.results).toEqual([
        { id: 1, status: 'rejected', recordId: original.recordId, reason: 'record.idTaken', issues: [] },
      ]);
      expect(response.lastMutationId).toBe(1);
      expect((await store.getRecord(original.recordId))?.clientId).toBe(clientId);
      expect((await store.pull(intruder, '', 10)).changes).toEqual([]);
    });

    it('acknowledges the same record sent again under a new mutation id with its original acceptance', async () => {
      const first = submitMutation(1);
      await push([first], T0);
      const response = await push([{ ...first, id: 2 }], T1);

      expect(response.results).toEqual([
        { id: 2, status: 'applied', recordId: first.recordId, acceptedAt: T0.toISOString() },
      ]);
      expect(await store.countRecords()).toBe(1);
      expect((await store.pull(clientId, '', 10)).changes).toHaveLength(1);
    });

    it('accepts gaps between mutation ids and refuses an older id it never saw', async () => {
      const response = await push([submitMutation(3), submitMutation(10)]);
      expect(response.lastMutationId).toBe(10);

      const late = submitMutation(5);
      const lateResponse = await push([late]);
      expect(lateResponse.results).toEqual([
        { id: 5, status: 'rejected', recordId: late.recordId, reason: 'mutation.outOfOrder', issues: [] },
      ]);
      expect(lateResponse.lastMutationId).toBe(10);
      expect(await store.getRecord(late.recordId)).toBeUndefined();
    });

    it('handles mutation ids up to Number.MAX_SAFE_INTEGER', async () => {
      const response = await push([submitMutation(Number.MAX_SAFE_INTEGER)]);
      expect(response.lastMutationId).toBe(Number.MAX_SAFE_INTEGER);
      expect((await store.pull(clientId, '', 1)).lastMutationId).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('gives the same answer to concurrent copies of one push and writes once', async () => {
      const batch = [submitMutation(1), submitMutation(2)];
      const [a, b] = await Promise.all([push(batch, T0), push(batch, T1)]);
      expect(a).toEqual(b);
      expect(await store.countRecords()).toBe(2);
    });

    it("pulls only the client's own records, in pages that never repeat or skip", async () => {
      const other = newId();
      await push([submitMutation(1), submitMutation(2)], T0, other);
      const mine = Array.from({ length: 5 }, (_, index) => submitMutation(index + 1));
      await push(mine.slice(0, 3), T0);
      await push(mine.slice(3), T1);

      const seen: RecordChange[] = [];
      let cursor = '';
      let pages = 0;
      for (;;) {
        const page = await store.pull(clientId, cursor, 2);
        pages++;
        expect(page.lastMutationId).toBe(5);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
        expect(page.changes).toHaveLength(2);
      }
      expect(pages).toBe(3);
      expect(seen.map((change) => change.recordId)).toEqual(mine.map((mutation) => mutation.recordId));
      expect(seen[0]).toEqual({
        recordId: mine[0]!.recordId,
        service: 'damageReport',
        reference: mine[0]!.reference,
        status: 'received',
        acceptedAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
      });

      const caughtUp = await store.pull(clientId, cursor, 2);
      expect(caughtUp).toEqual({ changes: [], cursor, hasMore: false, lastMutationId: 5 });

      const later = submitMutation(6);
      await push([later], T1);
      const next = await store.pull(clientId, cursor, 2);
      expect(next.changes.map((change) => change.recordId)).toEqual([later.recordId]);
      expect(next.cursor).not.toBe(cursor);
    });

    it('reports nothing and lastMutationId 0 for a client it has never seen', async () => {
      expect(await store.pull(newId(), '', 10)).toEqual({
        changes: [],
        cursor: '',
        hasMore: false,
        lastMutationId: 0,
      });
    });

    it('refuses a cursor it did not issue', async () => {
      await expect(store.pull(clientId, '1:2:3', 10)).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('keeps everything across close and reopen', async () => {
      const mutation = submitMutation(1);
      const before = await push([mutation]);
      await store.close();

      store = await harness.open();
      expect(await store.countRecords()).toBe(1);
      expect(await store.getRecord(mutation.recordId)).toMatchObject({
        recordId: mutation.recordId,
        clientId,
      });
      expect(await push([mutation], T1)).toEqual(before);
      expect((await store.pull(clientId, '', 10)).changes).toHaveLength(1);
    });

    it('writes nothing at all when the database fails in the middle of a batch', async () => {
      await push([submitMutation(1)]);
      const batch = [submitMutation(2), submitMutation(3), submitMutation(4)];
      await harness.failChangeLogInsertFor(batch[1]!.recordId);

      await expect(push(batch, T1)).rejects.toThrow(/injected failure/);

      expect(await store.countRecords()).toBe(1);
      expect(await store.getRecord(batch[0]!.recordId)).toBeUndefined();
      const state = await store.pull(clientId, '', 10);
      expect(state.lastMutationId).toBe(1);
      expect(state.changes).toHaveLength(1);
      await store.integrityCheck();

      // The store stays usable, and the failed ids were never consumed.
      const retry = await push([batch[0]!, batch[2]!], T1);
      expect(retry.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    });

    it('passes its integrity check after a mixed history', async () => {
      const taken = submitMutation(1);
      await push([taken, submitMutation(2, { data: {} })]);
      await push([submitMutation(1, { recordId: taken.recordId })], T1, newId());
      await push([{ ...taken, id: 3 }]);
      await expect(store.integrityCheck()).resolves.toBeUndefined();
    });
  });
}
