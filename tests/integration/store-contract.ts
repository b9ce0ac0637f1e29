import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOblast } from '../../src/server/store/decisions/record-oblast';
import type { StaffAction } from '../../src/server/store/decisions/staff-action';
import {
  EXPORT_MAX_ROWS,
  InvalidCursorError,
  InvalidQueueFilterError,
  type StaffScope,
  type Store,
} from '../../src/server/store/store';
import type { Mutation, MutationResult, RecordChange } from '../../src/shared/protocol';
import type { FieldValue } from '../../src/shared/record';
import {
  accepted,
  KYIV_OBLAST,
  LVIV_ADDRESS,
  LVIV_DAMAGE_FIELDS,
  LVIV_OBLAST,
  newId,
  newReference,
  OTHER_STREET,
  pulled,
  resolveConflictMutation,
  setFieldsMutation,
  submitMutation,
  TYPED_DAMAGE_REPORT,
  V1_DATA,
  VALID_FIELDS,
  VALID_IDP_FIELDS,
  VINNYTSIA_OBLAST,
  withdrawMutation,
} from './fixtures';

/** A protocol-1 database as a server of the previous release left it. */
export interface V1Seed {
  readonly clientId: string;
  readonly records: readonly {
    readonly mutationId: number;
    readonly recordId: string;
    readonly reference: string;
    readonly data: Readonly<Record<string, unknown>>;
    readonly capturedAt: string;
    readonly acceptedAt: string;
  }[];
}

/** A migration-2 database (protocol 2, before people signed in) as the previous release left it. */
export interface V2Seed {
  readonly clientId: string;
  readonly records: readonly {
    readonly mutationId: number;
    readonly recordId: string;
    readonly service: string;
    readonly reference: string;
    /** As stored: normalised, with the status. */
    readonly fields: Readonly<Record<string, FieldValue>>;
    readonly capturedAt: string;
    readonly acceptedAt: string;
    /** A pending amendment the citizen asked for. */
    readonly amendment?: { readonly amendmentId: string; readonly path: string; readonly value: FieldValue };
  }[];
}

/** The sync tables the store writes, every row, in a stable order. */
export const SYNC_TABLES = [
  'clients',
  'mutations',
  'records',
  'change_log',
  'conflicts',
  'amendments',
  'record_events',
] as const;

/** What each backend's test file provides: a database of its own that can be reopened and sabotaged. */
export interface StoreHarness {
  /** Opens a new store instance on this harness's database (again, after a close, for durability). */
  open(): Promise<Store>;
  /** Builds this harness's database with migration 1 only and the seed's rows, as release 1 would have. */
  seedV1(seed: V1Seed): Promise<void>;
  /** Builds this harness's database with migrations 1–2 and the seed's rows, as release 2 would have. */
  seedV2(seed: V2Seed): Promise<void>;
  /** Every row of SYNC_TABLES as JSON, for "nothing was written" checks. */
  dumpTables(): Promise<string>;
  /** Installs a database trigger that fails any change-log insert for this record, mid-transaction. */
  failChangeLogInsertFor(recordId: string): Promise<void>;
  /** Closes what `open` returned and removes the database. */
  dispose(): Promise<void>;
}

const T0 = new Date('2026-03-02T08:00:00.000Z');
const T1 = new Date('2026-03-02T09:30:00.000Z');
const T2 = new Date('2026-03-02T11:00:00.000Z');
const T3 = new Date('2026-03-02T12:00:00.000Z');

const FIXED_DESCRIPTION = 'Зруйновано дах, вікна і двері';
const CITIZEN_DESCRIPTION = 'Зруйновано дах і вікна на другому поверсі';

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

    /** Each client id is a person of its own unless a test says otherwise. */
    const userOf = (client: string) => `user:${client}`;
    const push = async (mutations: Mutation[], now = T0, client = clientId, user = userOf(client)) =>
      accepted(await store.applyPush({ clientId: client, userId: user, mutations }, now));
    const pushOne = async (
      mutation: Mutation,
      now = T0,
      client = clientId,
      user = userOf(client),
    ): Promise<MutationResult> => (await push([mutation], now, client, user)).results[0]!;
    const pull = async (client: string, after: string, limit: number, user = userOf(client)) =>
      pulled(await store.pull({ userId: user, clientId: client, after, limit }));
    const staff = (recordId: string, action: StaffAction, now = T1, scope: StaffScope = 'all') =>
      store.applyStaffAction(recordId, action, scope, now);
    const snapshot = async (recordId: string): Promise<RecordChange> => {
      const all: RecordChange[] = [];
      let cursor = '';
      for (;;) {
        const page = await pull(clientId, cursor, 100);
        all.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      const found = all.filter((change) => change.recordId === recordId).at(-1);
      if (found === undefined) throw new Error('record not pulled');
      return found;
    };
    const getRecord = (recordId: string) => store.getRecord(recordId, 'all');
    const submitted = async (now = T0) => {
      const mutation = submitMutation(1);
      await pushOne(mutation, now);
      return mutation;
    };

    describe('record/submit', () => {
      it('stores the fields normalised plus the status, at version 1, delivered', async () => {
        const fields = { ...TYPED_DAMAGE_REPORT, description: `  ${VALID_FIELDS.description}  ` };
        const mutation = submitMutation(1, { fields });
        const response = await push([mutation]);

        expect(response).toEqual({
          results: [
            {
              id: 1,
              status: 'applied',
              recordId: mutation.recordId,
              version: 1,
              acceptedAt: T0.toISOString(),
            },
          ],
          lastMutationId: 1,
        });
        expect(await store.countRecords()).toBe(1);
        expect(await getRecord(mutation.recordId)).toEqual({
          record: {
            recordId: mutation.recordId,
            clientId,
            ownerUserId: userOf(clientId),
            oblast: KYIV_OBLAST,
            assignedTo: null,
            service: 'damageReport',
            reference: mutation.reference,
            status: 'received',
            fields: { ...VALID_FIELDS, status: 'received' },
            version: 1,
            capturedAt: mutation.capturedAt,
            acceptedAt: T0.toISOString(),
            updatedAt: T0.toISOString(),
          },
          conflicts: [],
          amendments: [],
          timeline: [{ at: T0.toISOString(), kind: 'delivered' }],
        });
      });

      it('answers a replayed batch from the stored results without writing again', async () => {
        const batch = [
          submitMutation(1),
          submitMutation(2, { fields: { description: 'x' } }),
          submitMutation(3),
        ];
        const first = await push(batch, T0);
        const replay = await push(batch, T1);

        expect(replay).toEqual(first);
        expect(await store.countRecords()).toBe(2);
        expect((await getRecord(batch[0]!.recordId))?.record.acceptedAt).toBe(T0.toISOString());
      });

      it('rejects invalid fields with reasons, advances past them and applies the rest of the batch', async () => {
        const bad = submitMutation(1, {
          fields: { ...VALID_FIELDS, propertyType: 'castle', description: 'short' },
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
        expect(await getRecord(bad.recordId)).toBeUndefined();
        expect(await store.countRecords()).toBe(1);
        expect((await pull(clientId, '', 10)).lastMutationId).toBe(2);
      });

      it('refuses a phone that sets office fields at submission, naming each, and writes nothing', async () => {
        const question = `infoRequests/${newId()}/question`;
        const mutation = submitMutation(1, {
          fields: { ...VALID_FIELDS, status: 'approved', decisionReason: 'self-approved', [question]: 'q?' },
        });
        expect(await pushOne(mutation)).toEqual({
          id: 1,
          status: 'rejected',
          recordId: mutation.recordId,
          reason: 'field.officeOwned',
          issues: [
            { field: 'status', message: 'field.officeOwned' },
            { field: 'decisionReason', message: 'field.officeOwned' },
            { field: question, message: 'field.officeOwned' },
          ],
        });
        expect(await getRecord(mutation.recordId)).toBeUndefined();
        expect((await pull(clientId, '', 10)).changes).toEqual([]);
      });

      it('refuses a service this release does not run', async () => {
        const mutation = submitMutation(1, { service: 'pensionApplication' as never });
        expect(await pushOne(mutation)).toMatchObject({ status: 'rejected', reason: 'service.notAvailable' });
        expect(await store.countRecords()).toBe(0);
      });

      it("refuses a record id that belongs to another client and leaves the owner's record alone", async () => {
        const original = submitMutation(1);
        await push([original], T0);
        const intruder = newId();
        const response = await push(
          [
            submitMutation(1, {
              recordId: original.recordId,
              fields: { ...VALID_FIELDS, propertyType: 'apartment' },
            }),
          ],
          T1,
          intruder,
        );

        expect(response.results).toEqual([
          { id: 1, status: 'rejected', recordId: original.recordId, reason: 'record.idTaken', issues: [] },
        ]);
        expect(response.lastMutationId).toBe(1);
        const stored = await getRecord(original.recordId);
        expect(stored?.record.clientId).toBe(clientId);
        expect(stored?.record.fields.propertyType).toBe('house');
        expect((await pull(intruder, '', 10)).changes).toEqual([]);
      });

      it('acknowledges the same record sent again under a new mutation id with its original acceptance', async () => {
        const first = submitMutation(1);
        await push([first], T0);
        const response = await push([{ ...first, id: 2 }], T1);

        expect(response.results).toEqual([
          { id: 2, status: 'applied', recordId: first.recordId, version: 1, acceptedAt: T0.toISOString() },
        ]);
        expect(await store.countRecords()).toBe(1);
        expect((await pull(clientId, '', 10)).changes).toHaveLength(1);
      });
    });

    describe('exactly once', () => {
      it('accepts gaps between mutation ids and refuses an older id it never saw', async () => {
        const response = await push([submitMutation(3), submitMutation(10)]);
        expect(response.lastMutationId).toBe(10);

        const late = submitMutation(5);
        const lateResponse = await push([late]);
        expect(lateResponse.results).toEqual([
          { id: 5, status: 'rejected', recordId: late.recordId, reason: 'mutation.outOfOrder', issues: [] },
        ]);
        expect(lateResponse.lastMutationId).toBe(10);
        expect(await getRecord(late.recordId)).toBeUndefined();
      });

      it('handles mutation ids up to Number.MAX_SAFE_INTEGER', async () => {
        const response = await push([submitMutation(Number.MAX_SAFE_INTEGER)]);
        expect(response.lastMutationId).toBe(Number.MAX_SAFE_INTEGER);
        expect((await pull(clientId, '', 1)).lastMutationId).toBe(Number.MAX_SAFE_INTEGER);
      });

      it('gives the same answer to concurrent copies of one push and writes once', async () => {
        const record = submitMutation(1);
        const batch: Mutation[] = [
          record,
          submitMutation(2),
          setFieldsMutation(3, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
        ];
        const [a, b] = await Promise.all([push(batch, T0), push(batch, T1)]);
        expect(a).toEqual(b);
        expect(await store.countRecords()).toBe(2);
        expect((await getRecord(record.recordId))?.record.version).toBe(2);
      });

      it('replays a mixed history to the same answers and the same state', async () => {
        const record = await submitted();
        await staff(record.recordId, {
          type: 'setFields',
          changes: [{ path: 'description', base: VALID_FIELDS.description, value: FIXED_DESCRIPTION }],
        });
        const history: Mutation[] = [
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
            { path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET },
          ]),
          setFieldsMutation(3, record.recordId, [
            { path: 'propertyType', base: 'house', value: 'apartment' },
          ]),
          withdrawMutation(4, record.recordId),
        ];
        const first = await push(history, T2);
        const before = await getRecord(record.recordId);
        const replay = await push([record, ...history], T3);
        expect(replay.results.slice(1)).toEqual(first.results);
        expect(await getRecord(record.recordId)).toEqual(before);
      });
    });

    describe('record/setFields', () => {
      it('applies an edit made from the current value and bumps the version', async () => {
        const record = await submitted();
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
          T1,
        );
        expect(result).toEqual({
          id: 2,
          status: 'applied',
          recordId: record.recordId,
          version: 2,
          acceptedAt: T0.toISOString(),
        });
        const stored = await getRecord(record.recordId);
        expect(stored?.record).toMatchObject({
          version: 2,
          updatedAt: T1.toISOString(),
          fields: { ...VALID_FIELDS, description: CITIZEN_DESCRIPTION, status: 'received' },
        });
      });

      it('writes nothing for an edit that changes nothing', async () => {
        const record = await submitted();
        const cursor = (await pull(clientId, '', 10)).cursor;
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [{ path: 'propertyType', base: 'flat', value: 'house' }]),
          T1,
        );
        expect(result).toMatchObject({ status: 'applied', version: 1 });
        expect((await pull(clientId, cursor, 10)).changes).toEqual([]);
      });

      it("answers record.notFound for someone else's record exactly as for a missing one", async () => {
        const record = await submitted();
        const stranger = newId();
        const edit = [{ path: 'description', base: VALID_FIELDS.description, value: 'Це мій запис тепер' }];
        const theirs = await pushOne(setFieldsMutation(1, record.recordId, edit), T1, stranger);
        const missing = await pushOne(setFieldsMutation(2, newId(), edit), T1, stranger);

        expect(theirs).toMatchObject({ status: 'rejected', reason: 'record.notFound', issues: [] });
        expect(missing).toMatchObject({ status: 'rejected', reason: 'record.notFound', issues: [] });
        expect((await getRecord(record.recordId))?.record.fields.description).toBe(VALID_FIELDS.description);
        expect((await pull(stranger, '', 10)).changes).toEqual([]);
      });

      it('refuses the whole edit when one path is the office’s, and writes nothing', async () => {
        const record = await submitted();
        const before = await getRecord(record.recordId);
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
            { path: 'status', base: 'received', value: 'approved' },
          ]),
          T1,
        );
        expect(result).toEqual({
          id: 2,
          status: 'rejected',
          recordId: record.recordId,
          reason: 'field.officeOwned',
          issues: [{ field: 'status', message: 'field.officeOwned' }],
        });
        expect(await getRecord(record.recordId)).toEqual(before);
      });

      it('refuses an edit that leaves the record invalid, and writes nothing', async () => {
        const record = await submitted();
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: 'x' },
          ]),
          T1,
        );
        expect(result).toMatchObject({
          status: 'rejected',
          reason: 'record.invalid',
          issues: [{ field: 'description', message: 'description.tooShort' }],
        });
        expect((await getRecord(record.recordId))?.record.version).toBe(1);
      });

      it('keeps the office correction and stores a conflict when the phone edited the same field offline', async () => {
        const record = await submitted();
        const corrected = await staff(record.recordId, {
          type: 'setFields',
          changes: [{ path: 'description', base: VALID_FIELDS.description, value: FIXED_DESCRIPTION }],
        });
        expect(corrected).toMatchObject({ ok: true, record: { version: 2 } });

        // The phone never saw the correction: its base is the submitted value.
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
            { path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET },
          ]),
          T2,
        );
        expect(result).toEqual({
          id: 2,
          status: 'conflict',
          recordId: record.recordId,
          version: 3,
          acceptedAt: T0.toISOString(),
          conflicts: [{ conflictId: expect.any(String), path: 'description' }],
        });
        const conflictId = (result as { conflicts: { conflictId: string }[] }).conflicts[0]!.conflictId;

        const change = await snapshot(record.recordId);
        expect(change.fields).toMatchObject({ description: FIXED_DESCRIPTION, propStreet: OTHER_STREET });
        expect(change.conflicts).toEqual([
          {
            conflictId,
            path: 'description',
            base: VALID_FIELDS.description,
            server: FIXED_DESCRIPTION,
            client: CITIZEN_DESCRIPTION,
            createdAt: T2.toISOString(),
          },
        ]);
        expect(change.timeline).toEqual([
          { at: T0.toISOString(), kind: 'delivered' },
          { at: T1.toISOString(), kind: 'correction', detail: 'description' },
          { at: T2.toISOString(), kind: 'conflict', detail: 'description' },
        ]);
      });

      it('turns a change to a frozen field into an amendment the office accepts or declines', async () => {
        const record = await submitted();
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'propertyType', base: 'house', value: 'apartment' },
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
          T1,
        );
        expect(result).toEqual({
          id: 2,
          status: 'merged',
          recordId: record.recordId,
          version: 2,
          acceptedAt: T0.toISOString(),
          amendments: ['propertyType'],
        });
        let change = await snapshot(record.recordId);
        expect(change.fields).toMatchObject({ propertyType: 'house', description: CITIZEN_DESCRIPTION });
        expect(change.amendments).toEqual([
          {
            amendmentId: expect.any(String),
            path: 'propertyType',
            value: 'apartment',
            state: 'pending',
            createdAt: T1.toISOString(),
          },
        ]);
        const amendmentId = change.amendments[0]!.amendmentId;

        const accepted = await staff(
          record.recordId,
          { type: 'decideAmendment', amendmentIds: [amendmentId], decision: 'accept' },
          T2,
        );
        expect(accepted).toMatchObject({
          ok: true,
          record: { version: 3, fields: { propertyType: 'apartment' }, amendments: [{ state: 'accepted' }] },
        });
        expect(
          await staff(record.recordId, {
            type: 'decideAmendment',
            amendmentIds: [amendmentId],
            decision: 'decline',
          }),
        ).toEqual({
          ok: false,
          refusal: { reason: 'amendment.decided' },
        });

        await pushOne(
          setFieldsMutation(3, record.recordId, [
            { path: 'propertyType', base: 'apartment', value: 'house' },
          ]),
          T2,
        );
        change = await snapshot(record.recordId);
        const second = change.amendments.find((amendment) => amendment.state === 'pending')!;
        const declined = await staff(
          record.recordId,
          { type: 'decideAmendment', amendmentIds: [second.amendmentId], decision: 'decline' },
          T3,
        );
        expect(declined).toMatchObject({
          ok: true,
          record: { version: 3, fields: { propertyType: 'apartment' } },
        });
        change = await snapshot(record.recordId);
        expect(change.amendments.map((amendment) => amendment.state)).toEqual(['accepted', 'declined']);
        expect(change.timeline.filter((event) => event.kind === 'amendment')).toHaveLength(4);
        expect(
          await staff(record.recordId, {
            type: 'decideAmendment',
            amendmentIds: [newId()],
            decision: 'accept',
          }),
        ).toEqual({ ok: false, refusal: { reason: 'amendment.notFound' } });
      });

      it('accepts amendments that only hold together in one decision, all or nothing', async () => {
        const record = await submitted();
        await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'propOblast', base: KYIV_OBLAST, value: LVIV_OBLAST },
            {
              path: 'propSettlement',
              base: VALID_FIELDS.propSettlement!,
              value: LVIV_DAMAGE_FIELDS.propSettlement!,
            },
            { path: 'propertyType', base: 'house', value: 'apartment' },
          ]),
          T1,
        );
        const [oblast, settlement, propertyType] = (await getRecord(record.recordId))!.amendments.map(
          (amendment) => amendment.amendmentId,
        );
        const before = await harness.dumpTables();
        expect((await getRecord(record.recordId))!.record.version).toBe(1);

        expect(
          await staff(record.recordId, {
            type: 'decideAmendment',
            amendmentIds: [oblast!],
            decision: 'accept',
          }),
        ).toMatchObject({ ok: false, refusal: { reason: 'record.invalid' } });
        expect(
          await staff(record.recordId, {
            type: 'decideAmendment',
            amendmentIds: [settlement!, newId()],
            decision: 'accept',
          }),
        ).toEqual({ ok: false, refusal: { reason: 'amendment.notFound' } });
        expect(
          await staff(record.recordId, { type: 'decideAmendment', amendmentIds: [], decision: 'accept' }),
        ).toEqual({ ok: false, refusal: { reason: 'amendment.notFound' } });
        expect(await harness.dumpTables()).toBe(before);

        const moved = await staff(
          record.recordId,
          { type: 'decideAmendment', amendmentIds: [settlement!, oblast!], decision: 'accept' },
          T2,
        );
        expect(moved).toMatchObject({
          ok: true,
          record: {
            version: 2,
            fields: {
              propOblast: LVIV_OBLAST,
              propSettlement: LVIV_DAMAGE_FIELDS.propSettlement,
              propertyType: 'house',
            },
          },
        });
        const stored = (await getRecord(record.recordId))!;
        expect(stored.record).toMatchObject({ oblast: LVIV_OBLAST, version: 2 });
        expect(stored.amendments.map((amendment) => amendment.state)).toEqual([
          'accepted',
          'accepted',
          'pending',
        ]);
        expect(await store.getRecord(record.recordId, [KYIV_OBLAST])).toBeUndefined();

        // One of the set decided already: nothing of the set is written.
        const afterMove = await harness.dumpTables();
        expect(
          await staff(
            record.recordId,
            { type: 'decideAmendment', amendmentIds: [propertyType!, oblast!], decision: 'accept' },
            T3,
          ),
        ).toEqual({ ok: false, refusal: { reason: 'amendment.decided' } });
        expect(await harness.dumpTables()).toBe(afterMove);
      });

      it('declines several amendments in one decision, leaving the fields as they were', async () => {
        const record = await submitted();
        await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'propOblast', base: KYIV_OBLAST, value: LVIV_OBLAST },
            {
              path: 'propSettlement',
              base: VALID_FIELDS.propSettlement!,
              value: LVIV_DAMAGE_FIELDS.propSettlement!,
            },
          ]),
          T1,
        );
        const ids = (await getRecord(record.recordId))!.amendments.map((amendment) => amendment.amendmentId);
        const declined = await staff(record.recordId, {
          type: 'decideAmendment',
          amendmentIds: ids,
          decision: 'decline',
        });
        expect(declined).toMatchObject({
          ok: true,
          record: { version: 1, fields: { propOblast: KYIV_OBLAST } },
        });
        expect((await getRecord(record.recordId))!.record.oblast).toBe(KYIV_OBLAST);
        const change = await snapshot(record.recordId);
        expect(change.amendments.map((amendment) => amendment.state)).toEqual(['declined', 'declined']);
        expect(change.timeline.filter((event) => event.kind === 'amendment')).toHaveLength(4);
      });

      it('turns every change into an amendment once the office has decided', async () => {
        const record = await submitted();
        await staff(record.recordId, { type: 'setStatus', status: 'approved' });
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
          T2,
        );
        expect(result).toMatchObject({ status: 'merged', amendments: ['description'], version: 2 });
        expect((await snapshot(record.recordId)).fields.description).toBe(VALID_FIELDS.description);
      });

      it("takes an answer to the office's question, and refuses one to a question never asked", async () => {
        const record = await submitted();
        const asked = await staff(record.recordId, {
          type: 'askInformation',
          question: 'Чи є фото пошкоджень?',
        });
        if (!asked.ok) throw new Error('not asked');
        const requestId = asked.requestId!;
        expect(asked.record).toMatchObject({
          status: 'needsInformation',
          version: 2,
          fields: {
            status: 'needsInformation',
            [`infoRequests/${requestId}/_exists`]: true,
            [`infoRequests/${requestId}/question`]: 'Чи є фото пошкоджень?',
            [`infoRequests/${requestId}/askedAt`]: T1.toISOString(),
          },
        });

        const answer = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: `infoRequests/${requestId}/answer`, base: null, value: 'Так, надішлю завтра' },
            { path: `infoRequests/${requestId}/answeredAt`, base: null, value: T2.toISOString() },
          ]),
          T2,
        );
        expect(answer).toMatchObject({ status: 'applied', version: 3 });
        const change = await snapshot(record.recordId);
        expect(change.fields[`infoRequests/${requestId}/answer`]).toBe('Так, надішлю завтра');
        expect(change.timeline.map((event) => event.kind)).toEqual([
          'delivered',
          'infoRequest',
          'status',
          'answer',
        ]);

        const unknown = `infoRequests/${newId()}/answer`;
        expect(
          await pushOne(setFieldsMutation(3, record.recordId, [{ path: unknown, base: null, value: 'так' }])),
        ).toEqual({
          id: 3,
          status: 'rejected',
          recordId: record.recordId,
          reason: 'infoRequest.notFound',
          issues: [{ field: unknown, message: 'infoRequest.notFound' }],
        });
        // The question itself is the office's.
        expect(
          await pushOne(
            setFieldsMutation(4, record.recordId, [
              { path: `infoRequests/${requestId}/question`, base: 'Чи є фото пошкоджень?', value: 'Ні' },
            ]),
          ),
        ).toMatchObject({ status: 'rejected', reason: 'field.officeOwned' });
      });
    });

    describe('record/resolveConflict', () => {
      const conflicted = async () => {
        const record = await submitted();
        await staff(record.recordId, {
          type: 'setFields',
          changes: [{ path: 'description', base: VALID_FIELDS.description, value: FIXED_DESCRIPTION }],
        });
        const result = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
          T2,
        );
        const conflictId = (result as { conflicts: { conflictId: string }[] }).conflicts[0]!.conflictId;
        return { record, conflictId };
      };

      it("keeps the office's value when the person chooses it, and settles the conflict once", async () => {
        const { record, conflictId } = await conflicted();
        const result = await pushOne(resolveConflictMutation(3, record.recordId, conflictId, 'server'), T3);
        expect(result).toEqual({
          id: 3,
          status: 'applied',
          recordId: record.recordId,
          version: 2,
          acceptedAt: T0.toISOString(),
        });
        const change = await snapshot(record.recordId);
        expect(change.conflicts).toEqual([]);
        expect(change.fields.description).toBe(FIXED_DESCRIPTION);
        const stored = await getRecord(record.recordId);
        expect(stored?.conflicts).toMatchObject([
          { conflictId, resolution: 'server', resolvedAt: T3.toISOString() },
        ]);

        // The same choice sent again from another device of the profile: so it is.
        expect(
          await pushOne(resolveConflictMutation(4, record.recordId, conflictId, 'server')),
        ).toMatchObject({
          status: 'applied',
        });
        expect(
          await pushOne(resolveConflictMutation(5, record.recordId, conflictId, 'client')),
        ).toMatchObject({
          status: 'rejected',
          reason: 'conflict.notFound',
        });
      });

      it("writes the person's value when they insist and nothing moved meanwhile", async () => {
        const { record, conflictId } = await conflicted();
        const result = await pushOne(resolveConflictMutation(3, record.recordId, conflictId, 'client'), T3);
        expect(result).toMatchObject({ status: 'applied', version: 3 });
        const stored = await getRecord(record.recordId);
        expect(stored?.record.fields.description).toBe(CITIZEN_DESCRIPTION);
        expect(stored?.conflicts).toMatchObject([{ conflictId, resolution: 'client' }]);
      });

      it('makes a new conflict when the office changed the field again before the choice arrived', async () => {
        const { record, conflictId } = await conflicted();
        const again = 'Зруйновано дах; вікна замінено';
        await staff(record.recordId, {
          type: 'setFields',
          changes: [{ path: 'description', base: FIXED_DESCRIPTION, value: again }],
        });
        const result = await pushOne(resolveConflictMutation(3, record.recordId, conflictId, 'client'), T3);
        expect(result).toMatchObject({ status: 'conflict', conflicts: [{ path: 'description' }] });
        const newConflictId = (result as { conflicts: { conflictId: string }[] }).conflicts[0]!.conflictId;
        expect(newConflictId).not.toBe(conflictId);

        const change = await snapshot(record.recordId);
        expect(change.fields.description).toBe(again);
        expect(change.conflicts).toEqual([
          {
            conflictId: newConflictId,
            path: 'description',
            base: FIXED_DESCRIPTION,
            server: again,
            client: CITIZEN_DESCRIPTION,
            createdAt: T3.toISOString(),
          },
        ]);
        const stored = await getRecord(record.recordId);
        expect(stored?.conflicts.find((conflict) => conflict.conflictId === conflictId)?.resolution).toBe(
          'superseded',
        );
      });

      it("answers conflict.notFound for a conflict that is not the caller's", async () => {
        const { record, conflictId } = await conflicted();
        const stranger = newId();
        expect(
          await pushOne(resolveConflictMutation(1, record.recordId, conflictId, 'client'), T3, stranger),
        ).toMatchObject({ status: 'rejected', reason: 'conflict.notFound' });
        expect(await pushOne(resolveConflictMutation(3, record.recordId, newId(), 'client'))).toMatchObject({
          status: 'rejected',
          reason: 'conflict.notFound',
        });
        expect((await getRecord(record.recordId))?.record.fields.description).toBe(FIXED_DESCRIPTION);
      });
    });

    describe('record/withdraw', () => {
      it('withdraws an undecided record, column and field alike, and refuses once decided', async () => {
        const record = await submitted();
        const result = await pushOne(withdrawMutation(2, record.recordId), T1);
        expect(result).toMatchObject({ status: 'applied', version: 2 });
        const stored = await getRecord(record.recordId);
        expect(stored?.record).toMatchObject({ status: 'withdrawn', fields: { status: 'withdrawn' } });
        expect(stored?.timeline.at(-1)).toEqual({
          at: T1.toISOString(),
          kind: 'status',
          detail: 'withdrawn',
        });
        expect(await staff(record.recordId, { type: 'setStatus', status: 'inReview' })).toEqual({
          ok: false,
          refusal: { reason: 'status.transitionNotAllowed' },
        });

        const decided = submitMutation(3);
        await pushOne(decided);
        await staff(decided.recordId, { type: 'setStatus', status: 'rejected', reason: 'Немає документів' });
        expect(await pushOne(withdrawMutation(4, decided.recordId))).toMatchObject({
          status: 'rejected',
          reason: 'record.closed',
        });
        expect(await pushOne(withdrawMutation(5, newId()))).toMatchObject({ reason: 'record.notFound' });
        await store.integrityCheck();
      });
    });

    describe('caseworker actions', () => {
      it('moves the status along the allowed transitions only, with a reason for a rejection', async () => {
        const record = await submitted();
        expect(await staff(record.recordId, { type: 'setStatus', status: 'rejected' })).toMatchObject({
          ok: false,
          refusal: { reason: 'status.reasonRequired' },
        });
        const rejected = await staff(record.recordId, {
          type: 'setStatus',
          status: 'rejected',
          reason: 'Дубль',
        });
        expect(rejected).toMatchObject({
          ok: true,
          record: { status: 'rejected', version: 2, fields: { status: 'rejected', decisionReason: 'Дубль' } },
        });
        expect(await staff(record.recordId, { type: 'setStatus', status: 'approved' })).toEqual({
          ok: false,
          refusal: { reason: 'status.transitionNotAllowed' },
        });
        expect(await staff(newId(), { type: 'setStatus', status: 'inReview' })).toEqual({
          ok: false,
          refusal: { reason: 'record.notFound' },
        });
        await store.integrityCheck();
      });

      it("refuses citizen fields, and fields the citizen changed since the office's base, all or nothing", async () => {
        const record = await submitted();
        await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
        );
        const before = await getRecord(record.recordId);

        expect(
          await staff(record.recordId, {
            type: 'setFields',
            changes: [
              { path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET },
              { path: 'propertyType', base: 'house', value: 'apartment' },
            ],
          }),
        ).toEqual({
          ok: false,
          refusal: {
            reason: 'field.citizenOwned',
            issues: [{ field: 'propertyType', message: 'field.citizenOwned' }],
          },
        });
        expect(
          await staff(record.recordId, {
            type: 'setFields',
            changes: [
              { path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET },
              { path: 'description', base: VALID_FIELDS.description, value: FIXED_DESCRIPTION },
            ],
          }),
        ).toEqual({
          ok: false,
          refusal: {
            reason: 'field.conflict',
            conflicts: [
              {
                path: 'description',
                base: VALID_FIELDS.description,
                server: CITIZEN_DESCRIPTION,
                client: FIXED_DESCRIPTION,
              },
            ],
          },
        });
        expect(
          await staff(record.recordId, {
            type: 'setFields',
            changes: [{ path: 'propPostCode', base: VALID_FIELDS.propPostCode, value: 'x' }],
          }),
        ).toMatchObject({ ok: false, refusal: { reason: 'record.invalid' } });
        expect(
          await staff(record.recordId, {
            type: 'setFields',
            changes: [{ path: 'status', base: 'received', value: 'approved' }],
          }),
        ).toMatchObject({ ok: false, refusal: { reason: 'field.statusReadOnly' } });
        expect(await getRecord(record.recordId)).toEqual(before);

        const note = await staff(record.recordId, {
          type: 'setFields',
          changes: [
            { path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET },
            { path: 'officeNote', base: null, value: 'Перевірено' },
          ],
        });
        expect(note).toMatchObject({
          ok: true,
          record: { version: 3, fields: { propStreet: OTHER_STREET } },
        });
      });
    });

    describe('pull', () => {
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
          const page = await pull(clientId, cursor, 2);
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
          version: 1,
          fields: { ...VALID_FIELDS, status: 'received' },
          conflicts: [],
          amendments: [],
          timeline: [{ at: T0.toISOString(), kind: 'delivered' }],
          acceptedAt: T0.toISOString(),
          updatedAt: T0.toISOString(),
        });

        const caughtUp = await pull(clientId, cursor, 2);
        expect(caughtUp).toEqual({ changes: [], cursor, hasMore: false, lastMutationId: 5 });

        const later = submitMutation(6);
        await push([later], T1);
        const next = await pull(clientId, cursor, 2);
        expect(next.changes.map((change) => change.recordId)).toEqual([later.recordId]);
        expect(next.cursor).not.toBe(cursor);
      });

      it('sends one latest snapshot per record per page, and every office change to its owner only', async () => {
        const a = submitMutation(1);
        const b = submitMutation(2);
        await push([a, b], T0);
        const start = await pull(clientId, '', 10);
        expect(start.changes).toHaveLength(2);

        await staff(a.recordId, { type: 'setStatus', status: 'inReview' }, T1);
        await pushOne(withdrawMutation(3, b.recordId), T1);
        await staff(a.recordId, { type: 'askInformation', question: 'Адреса?' }, T2);

        const page = await pull(clientId, start.cursor, 10);
        expect(page.changes.map((change) => change.recordId)).toEqual([b.recordId, a.recordId]);
        expect(page.changes[1]).toMatchObject({
          status: 'needsInformation',
          version: 3,
          updatedAt: T2.toISOString(),
        });
        expect(page.changes[1]!.timeline.map((event) => event.kind)).toEqual([
          'delivered',
          'status',
          'infoRequest',
          'status',
        ]);

        // Page by page the same changes come in order, a record again when it changed again.
        const small: string[] = [];
        let cursor = start.cursor;
        for (;;) {
          const next = await pull(clientId, cursor, 1);
          small.push(...next.changes.map((change) => change.recordId));
          cursor = next.cursor;
          if (!next.hasMore) break;
        }
        expect(small).toEqual([a.recordId, b.recordId, a.recordId]);
        expect(cursor).toBe(page.cursor);
        expect((await pull(newId(), '', 10)).changes).toEqual([]);
      });

      it('reports nothing and lastMutationId 0 for a client it has never seen', async () => {
        expect(await pull(newId(), '', 10)).toEqual({
          changes: [],
          cursor: '',
          hasMore: false,
          lastMutationId: 0,
        });
      });

      it('refuses a cursor it did not issue', async () => {
        await expect(pull(clientId, '1:2:3', 10)).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('people and devices', () => {
      it('binds a client id to the person of its first push and refuses anyone else’s whole push, writing nothing', async () => {
        const record = await submitted();
        const before = await harness.dumpTables();

        const intruder = newId();
        const refused = await store.applyPush(
          {
            clientId,
            userId: intruder,
            mutations: [
              submitMutation(2),
              setFieldsMutation(3, record.recordId, [
                { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
              ]),
              withdrawMutation(4, record.recordId),
            ],
          },
          T1,
        );
        expect(refused).toEqual({ ok: false, refusal: 'client.otherUser' });
        // A replay of the owner's own mutation under the other person is refused the same way.
        expect(await store.applyPush({ clientId, userId: intruder, mutations: [record] }, T1)).toEqual({
          ok: false,
          refusal: 'client.otherUser',
        });
        expect(await store.pull({ userId: intruder, clientId, after: '', limit: 10 })).toEqual({
          ok: false,
          refusal: 'client.otherUser',
        });
        expect(await harness.dumpTables()).toBe(before);

        // The owner carries on from the same device as if nothing happened.
        const next = await push([submitMutation(2)], T2);
        expect(next.lastMutationId).toBe(2);
        expect((await pull(clientId, '', 10)).changes).toHaveLength(2);
        await store.integrityCheck();
      });

      it("lets a person's second device see and change their record, and nobody else", async () => {
        const person = userOf(clientId);
        const secondPhone = newId();
        const record = await submitted();

        const seen = await pull(secondPhone, '', 10, person);
        expect(seen.changes.map((change) => change.recordId)).toEqual([record.recordId]);
        expect(seen.lastMutationId).toBe(0);

        // The second phone counts its own mutation ids from 1.
        const edit = await pushOne(
          setFieldsMutation(1, record.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
          T1,
          secondPhone,
          person,
        );
        expect(edit).toMatchObject({ status: 'applied', version: 2 });
        // A backup restored on the second phone sends the record again: the original acceptance.
        expect(await pushOne({ ...record, id: 2 }, T1, secondPhone, person)).toEqual({
          id: 2,
          status: 'applied',
          recordId: record.recordId,
          version: 2,
          acceptedAt: T0.toISOString(),
        });

        // The office corrects; the first phone, still on the old base, conflicts; the second resolves it.
        await staff(record.recordId, {
          type: 'setFields',
          changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET }],
        });
        const conflicted = await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'propStreet', base: VALID_FIELDS.propStreet, value: 'вул. Лесі Українки' },
          ]),
          T2,
        );
        expect(conflicted).toMatchObject({ status: 'conflict' });
        const conflictId = (conflicted as { conflicts: { conflictId: string }[] }).conflicts[0]!.conflictId;

        const stranger = newId();
        expect(
          await pushOne(resolveConflictMutation(1, record.recordId, conflictId, 'client'), T2, stranger),
        ).toMatchObject({ status: 'rejected', reason: 'conflict.notFound' });
        expect(
          await pushOne(
            setFieldsMutation(2, record.recordId, [
              { path: 'description', base: CITIZEN_DESCRIPTION, value: 'Чужа правка опису' },
            ]),
            T2,
            stranger,
          ),
        ).toMatchObject({ status: 'rejected', reason: 'record.notFound' });
        expect(await pushOne(withdrawMutation(3, record.recordId), T2, stranger)).toMatchObject({
          status: 'rejected',
          reason: 'record.notFound',
        });
        expect(await pushOne({ ...record, id: 4 }, T2, stranger)).toMatchObject({
          status: 'rejected',
          reason: 'record.idTaken',
        });
        expect((await pull(stranger, '', 10)).changes).toEqual([]);

        expect(
          await pushOne(
            resolveConflictMutation(3, record.recordId, conflictId, 'server'),
            T3,
            secondPhone,
            person,
          ),
        ).toMatchObject({ status: 'applied' });
        expect(await pushOne(withdrawMutation(4, record.recordId), T3, secondPhone, person)).toMatchObject({
          status: 'applied',
        });
        const final = await getRecord(record.recordId);
        expect(final?.record).toMatchObject({
          status: 'withdrawn',
          ownerUserId: person,
          clientId,
          fields: { description: CITIZEN_DESCRIPTION, propStreet: OTHER_STREET },
        });
        expect(final?.conflicts).toMatchObject([{ conflictId, resolution: 'server' }]);
        await store.integrityCheck();
      });

      it("pulls one stream per person across devices, never repeating, skipping or showing another's records", async () => {
        const person = userOf(clientId);
        const secondPhone = newId();
        const other = newId();
        const order: string[] = [];
        const mine = async (mutation: Mutation, client: string, now: Date) => {
          await pushOne(mutation, now, client, person);
          order.push(mutation.recordId);
        };
        await mine(submitMutation(1), clientId, T0);
        await pushOne(submitMutation(1), T0, other);
        await mine(submitMutation(1), secondPhone, T0);
        const theirs = submitMutation(2);
        await pushOne(theirs, T1, other);
        await mine(submitMutation(2), clientId, T1);
        await staff(theirs.recordId, { type: 'setStatus', status: 'inReview' }, T2);
        await mine(submitMutation(2), secondPhone, T2);

        for (const [device, lastMutationId] of [
          [clientId, 2],
          [secondPhone, 2],
        ] as const) {
          const ids: string[] = [];
          let cursor = '';
          for (;;) {
            const page = await pull(device, cursor, 1, person);
            expect(page.lastMutationId).toBe(lastMutationId);
            ids.push(...page.changes.map((change) => change.recordId));
            cursor = page.cursor;
            if (!page.hasMore) break;
          }
          expect(ids).toEqual(order);
        }
        const theirPull = await pull(other, '', 100);
        expect(theirPull.changes).toHaveLength(2);
        expect(theirPull.changes.some((change) => order.includes(change.recordId))).toBe(false);
        // A device the person never pushed from reads the stream too, with nothing acknowledged.
        expect((await pull(newId(), '', 100, person)).changes.map((change) => change.recordId)).toEqual(
          order,
        );
      });
    });

    describe('office placement', () => {
      it('derives the oblast from the address the office serves: the property, or where the person lives now', () => {
        expect(recordOblast('damageReport', VALID_FIELDS)).toBe(KYIV_OBLAST);
        expect(recordOblast('damageReport', LVIV_DAMAGE_FIELDS)).toBe(LVIV_OBLAST);
        expect(recordOblast('damageReport', V1_DATA)).toBe(VINNYTSIA_OBLAST);
        // Registered in Donetsk oblast (left), living in Kyiv oblast: Kyiv's office.
        expect(recordOblast('idpRegistration', VALID_IDP_FIELDS)).toBe(KYIV_OBLAST);
        expect(
          recordOblast('benefitApplication', { regOblast: VINNYTSIA_OBLAST, actOblast: LVIV_OBLAST }),
        ).toBe(LVIV_OBLAST);
        expect(recordOblast('benefitApplication', { regOblast: VINNYTSIA_OBLAST })).toBeNull();
        expect(recordOblast('damageReport', { propOblast: 'UA99000000000000000' })).toBeNull();
        expect(recordOblast('pensionApplication', { actOblast: KYIV_OBLAST })).toBeNull();
      });

      it("stores each record in its oblast at submission and moves it to the other oblast's queue when the address changes", async () => {
        const report = submitMutation(1);
        const idp = submitMutation(2, { service: 'idpRegistration', fields: { ...VALID_IDP_FIELDS } });
        await push([report, idp]);
        expect((await getRecord(report.recordId))?.record.oblast).toBe(KYIV_OBLAST);
        expect((await getRecord(idp.recordId))?.record.oblast).toBe(KYIV_OBLAST);
        const queueOf = async (oblast: string) =>
          (await store.listQueue({ oblasts: [oblast], limit: 50 })).items.map((item) => item.recordId);
        expect(await queueOf(KYIV_OBLAST)).toEqual([idp.recordId, report.recordId].sort().reverse());

        // The person moved on to Lviv and says so from the phone: the record follows.
        const moved = await pushOne(
          setFieldsMutation(
            3,
            idp.recordId,
            Object.entries(LVIV_ADDRESS).map(([path, value]) => ({
              path,
              base: VALID_IDP_FIELDS[path] ?? null,
              value,
            })),
          ),
          T1,
        );
        expect(moved).toMatchObject({ status: 'applied', version: 2 });
        expect(await queueOf(KYIV_OBLAST)).toEqual([report.recordId]);
        expect(await queueOf(LVIV_OBLAST)).toEqual([idp.recordId]);
        expect(await store.getRecord(idp.recordId, [KYIV_OBLAST])).toBeUndefined();
        expect((await store.getRecord(idp.recordId, [LVIV_OBLAST]))?.record.oblast).toBe(LVIV_OBLAST);
        expect(
          await staff(idp.recordId, { type: 'setStatus', status: 'inReview' }, T2, [KYIV_OBLAST]),
        ).toEqual({
          ok: false,
          refusal: { reason: 'record.notFound' },
        });
        expect(
          await staff(idp.recordId, { type: 'setStatus', status: 'inReview' }, T2, [LVIV_OBLAST]),
        ).toMatchObject({ ok: true, record: { status: 'inReview' } });
        await store.integrityCheck();
      });
    });

    describe('office queue', () => {
      /** Records in Kyiv and Lviv oblasts at known times; returns them newest first per oblast. */
      const seedQueue = async () => {
        const at = (iso: string) => new Date(iso);
        const kyiv1 = submitMutation(1);
        const lviv1 = submitMutation(2, { fields: { ...LVIV_DAMAGE_FIELDS } });
        const kyivIdp = submitMutation(3, { service: 'idpRegistration', fields: { ...VALID_IDP_FIELDS } });
        // 22:30 UTC on 2 March is 00:30 on 3 March in Kyiv: an office day of 3 March.
        const kyivLate = submitMutation(4);
        await pushOne(kyiv1, at('2026-03-01T09:00:00.000Z'));
        await pushOne(lviv1, at('2026-03-01T10:00:00.000Z'));
        await pushOne(kyivIdp, at('2026-03-02T09:00:00.000Z'));
        await pushOne(kyivLate, at('2026-03-02T22:30:00.000Z'));
        // An open conflict on kyiv1, a pending amendment on kyivLate, kyivIdp in review.
        await staff(kyiv1.recordId, {
          type: 'setFields',
          changes: [{ path: 'description', base: VALID_FIELDS.description, value: FIXED_DESCRIPTION }],
        });
        await pushOne(
          setFieldsMutation(5, kyiv1.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
          ]),
          T2,
        );
        await pushOne(
          setFieldsMutation(6, kyivLate.recordId, [
            { path: 'propertyType', base: 'house', value: 'apartment' },
          ]),
          T2,
        );
        await staff(kyivIdp.recordId, { type: 'setStatus', status: 'inReview' });
        return { kyiv1, lviv1, kyivIdp, kyivLate };
      };

      it('lists newest first with counts, filtered by oblast, service, status and office days', async () => {
        const { kyiv1, lviv1, kyivIdp, kyivLate } = await seedQueue();
        const ids = (page: { items: readonly { recordId: string }[] }) =>
          page.items.map((item) => item.recordId);

        const kyiv = await store.listQueue({ oblasts: [KYIV_OBLAST], limit: 10 });
        expect(ids(kyiv)).toEqual([kyivLate.recordId, kyivIdp.recordId, kyiv1.recordId]);
        expect(kyiv.next).toBeNull();
        expect(kyiv.items[2]).toEqual({
          recordId: kyiv1.recordId,
          reference: kyiv1.reference,
          service: 'damageReport',
          status: 'received',
          oblast: KYIV_OBLAST,
          acceptedAt: '2026-03-01T09:00:00.000Z',
          updatedAt: T2.toISOString(),
          assignedTo: null,
          openConflicts: 1,
          pendingAmendments: 0,
        });
        expect(kyiv.items[0]).toMatchObject({ openConflicts: 0, pendingAmendments: 1 });

        expect(ids(await store.listQueue({ oblasts: [LVIV_OBLAST], limit: 10 }))).toEqual([lviv1.recordId]);
        expect(ids(await store.listQueue({ oblasts: [LVIV_OBLAST, KYIV_OBLAST], limit: 10 }))).toEqual([
          kyivLate.recordId,
          kyivIdp.recordId,
          lviv1.recordId,
          kyiv1.recordId,
        ]);
        expect(ids(await store.listQueue({ oblasts: 'all', limit: 10 }))).toHaveLength(4);
        expect(ids(await store.listQueue({ oblasts: [], limit: 10 }))).toEqual([]);
        expect(
          ids(await store.listQueue({ oblasts: [KYIV_OBLAST], service: 'idpRegistration', limit: 10 })),
        ).toEqual([kyivIdp.recordId]);
        expect(ids(await store.listQueue({ oblasts: 'all', status: 'inReview', limit: 10 }))).toEqual([
          kyivIdp.recordId,
        ]);
        expect(
          ids(
            await store.listQueue({
              oblasts: [KYIV_OBLAST],
              status: 'received',
              service: 'damageReport',
              limit: 10,
            }),
          ),
        ).toEqual([kyivLate.recordId, kyiv1.recordId]);
        // Office days in Kyiv time, both ends inclusive.
        expect(ids(await store.listQueue({ oblasts: 'all', from: '2026-03-03', limit: 10 }))).toEqual([
          kyivLate.recordId,
        ]);
        expect(
          ids(await store.listQueue({ oblasts: 'all', from: '2026-03-02', to: '2026-03-02', limit: 10 })),
        ).toEqual([kyivIdp.recordId]);
        expect(ids(await store.listQueue({ oblasts: 'all', to: '2026-03-01', limit: 10 }))).toEqual([
          lviv1.recordId,
          kyiv1.recordId,
        ]);

        await expect(
          store.listQueue({ oblasts: 'all', from: '2026-02-30', limit: 10 }),
        ).rejects.toBeInstanceOf(InvalidQueueFilterError);
        await expect(
          store.listQueue({ oblasts: 'all', status: 'lost' as never, limit: 10 }),
        ).rejects.toBeInstanceOf(InvalidQueueFilterError);
        await expect(store.listQueue({ oblasts: 'all', after: '1:2', limit: 10 })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      });

      it('pages by keyset, newest first, with no duplicates or skips while new records arrive', async () => {
        // Nine records over three instants (ties broken by record id), two oblasts.
        const existing: { recordId: string; acceptedAt: string }[] = [];
        let id = 1;
        for (const now of [T0, T1, T2]) {
          const batch = [
            submitMutation(id++),
            submitMutation(id++, { fields: { ...LVIV_DAMAGE_FIELDS } }),
            submitMutation(id++),
          ];
          await push(batch, now);
          existing.push(
            ...batch.map((mutation) => ({ recordId: mutation.recordId, acceptedAt: now.toISOString() })),
          );
        }
        // Newest first; ties by record id, descending, in byte order (as JavaScript compares strings).
        const expected = existing
          .sort((a, b) =>
            a.acceptedAt === b.acceptedAt
              ? Number(a.recordId < b.recordId) - Number(a.recordId > b.recordId)
              : Number(a.acceptedAt < b.acceptedAt) - Number(a.acceptedAt > b.acceptedAt),
          )
          .map((record) => record.recordId);

        const seen: string[] = [];
        const later: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.listQueue({ oblasts: 'all', limit: 2, after });
          seen.push(...page.items.map((item) => item.recordId));
          // New records keep arriving between pages: at the newest instant (one that sorts below the
          // cursor may then be listed, once) and later (never: the pages have moved past the top).
          await push([submitMutation(id++)], T2);
          const newest = submitMutation(id++, { fields: { ...LVIV_DAMAGE_FIELDS } });
          await push([newest], T3);
          later.push(newest.recordId);
          if (page.next === null) break;
          after = page.next;
        }
        expect(seen.filter((recordId) => expected.includes(recordId))).toEqual(expected);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.some((recordId) => later.includes(recordId))).toBe(false);
        // Whatever was listed is in the queue's order: each page continues where the last ended.
        const order = (await store.listQueue({ oblasts: 'all', limit: 200 })).items.map(
          (item) => item.recordId,
        );
        expect(order.filter((recordId) => seen.includes(recordId))).toEqual(seen);

        // One oblast pages the same way; limits above the maximum are clamped.
        const lviv = await store.listQueue({ oblasts: [LVIV_OBLAST], limit: 10_000 });
        expect(lviv.items.length).toBeGreaterThan(3);
        expect(lviv.items.every((item) => item.oblast === LVIV_OBLAST)).toBe(true);
      });

      it('assigns a record and clears it, without a change the citizen pulls', async () => {
        const record = await submitted();
        const cursor = (await pull(clientId, '', 10)).cursor;
        const caseworker = newId();
        const assigned = await store.assignRecord(record.recordId, caseworker, [KYIV_OBLAST]);
        expect(assigned).toMatchObject({
          recordId: record.recordId,
          assignedTo: caseworker,
          oblast: KYIV_OBLAST,
        });
        expect((await getRecord(record.recordId))?.record).toMatchObject({
          assignedTo: caseworker,
          version: 1,
        });
        expect((await store.listQueue({ oblasts: [KYIV_OBLAST], limit: 10 })).items[0]?.assignedTo).toBe(
          caseworker,
        );
        expect((await pull(clientId, cursor, 10)).changes).toEqual([]);

        expect(await store.assignRecord(record.recordId, null, 'all')).toMatchObject({ assignedTo: null });
        expect(await store.assignRecord(newId(), caseworker, 'all')).toBeUndefined();
        await store.integrityCheck();
      });

      it('exports the filtered queue as flat rows, newest first, with every field', async () => {
        const { kyiv1, kyivIdp, kyivLate } = await seedQueue();
        const exported = await store.exportRows({ oblasts: [KYIV_OBLAST], service: 'damageReport' });
        expect(exported.truncated).toBe(false);
        expect(exported.rows.map((row) => row.recordId)).toEqual([kyivLate.recordId, kyiv1.recordId]);
        expect(exported.rows[1]).toMatchObject({
          recordId: kyiv1.recordId,
          reference: kyiv1.reference,
          oblast: KYIV_OBLAST,
          capturedAt: kyiv1.capturedAt,
          openConflicts: 1,
          fields: { ...VALID_FIELDS, description: FIXED_DESCRIPTION, status: 'received' },
        });
        const idpRows = await store.exportRows({
          oblasts: 'all',
          service: 'idpRegistration',
          status: 'inReview',
        });
        expect(idpRows.rows.map((row) => row.recordId)).toEqual([kyivIdp.recordId]);
        expect(idpRows.rows[0]?.fields.actOblast).toBe(KYIV_OBLAST);
        expect((await store.exportRows({ oblasts: [VINNYTSIA_OBLAST] })).rows).toEqual([]);
        expect(EXPORT_MAX_ROWS).toBe(10_000);
      });

      it("answers a record outside the caller's oblasts as not found in every staff method, writing nothing", async () => {
        const record = await submitted();
        await pushOne(
          setFieldsMutation(2, record.recordId, [
            { path: 'propertyType', base: 'house', value: 'apartment' },
          ]),
        );
        const amendmentId = (await getRecord(record.recordId))!.amendments[0]!.amendmentId;
        const before = await harness.dumpTables();
        const lviv: StaffScope = [LVIV_OBLAST];

        expect(await store.getRecord(record.recordId, lviv)).toBeUndefined();
        expect(await store.getRecord(record.recordId, [])).toBeUndefined();
        const actions: StaffAction[] = [
          { type: 'setStatus', status: 'inReview' },
          { type: 'askInformation', question: 'Фото?' },
          {
            type: 'setFields',
            changes: [{ path: 'propStreet', base: VALID_FIELDS.propStreet, value: OTHER_STREET }],
          },
          { type: 'decideAmendment', amendmentIds: [amendmentId], decision: 'accept' },
        ];
        for (const action of actions) {
          expect(await staff(record.recordId, action, T2, lviv)).toEqual({
            ok: false,
            refusal: { reason: 'record.notFound' },
          });
        }
        expect(await store.assignRecord(record.recordId, newId(), lviv)).toBeUndefined();
        expect((await store.listQueue({ oblasts: lviv, limit: 10 })).items).toEqual([]);
        expect((await store.exportRows({ oblasts: lviv })).rows).toEqual([]);
        expect(await harness.dumpTables()).toBe(before);

        // The right oblast, among others, finds it.
        const both: StaffScope = [LVIV_OBLAST, KYIV_OBLAST];
        expect((await store.getRecord(record.recordId, both))?.record.recordId).toBe(record.recordId);
        expect(
          await staff(record.recordId, { type: 'setStatus', status: 'inReview' }, T2, both),
        ).toMatchObject({
          ok: true,
        });
      });
    });

    describe('durability', () => {
      it('keeps everything across close and reopen', async () => {
        const mutation = submitMutation(1);
        const before = await push([mutation]);
        await store.close();

        store = await harness.open();
        expect(await store.countRecords()).toBe(1);
        expect((await getRecord(mutation.recordId))?.record).toMatchObject({
          recordId: mutation.recordId,
          clientId,
        });
        expect(await push([mutation], T1)).toEqual(before);
        expect((await pull(clientId, '', 10)).changes).toHaveLength(1);
      });

      it('writes nothing at all when the database fails in the middle of a batch', async () => {
        const existing = await submitted();
        await staff(existing.recordId, {
          type: 'setFields',
          changes: [{ path: 'description', base: VALID_FIELDS.description, value: FIXED_DESCRIPTION }],
        });
        const before = await getRecord(existing.recordId);
        const doomed = submitMutation(3);
        const batch: Mutation[] = [
          setFieldsMutation(2, existing.recordId, [
            { path: 'description', base: VALID_FIELDS.description, value: CITIZEN_DESCRIPTION },
            { path: 'propertyType', base: 'house', value: 'garden_house' },
          ]),
          doomed,
          submitMutation(4),
        ];
        await harness.failChangeLogInsertFor(doomed.recordId);

        await expect(push(batch, T2)).rejects.toThrow(/injected failure/);

        expect(await store.countRecords()).toBe(1);
        expect(await getRecord(existing.recordId)).toEqual(before);
        const state = await pull(clientId, '', 10);
        expect(state.lastMutationId).toBe(1);
        expect(state.changes).toHaveLength(1);
        await store.integrityCheck();

        // The store stays usable, and the failed ids were never consumed.
        const retry = await push([batch[0]!, batch[2]!], T2);
        expect(retry.results.map((result) => result.status)).toEqual(['conflict', 'applied']);
      });

      it('passes its integrity check after a mixed history', async () => {
        const taken = submitMutation(1);
        await push([taken, submitMutation(2, { fields: {} })]);
        await push([submitMutation(1, { recordId: taken.recordId })], T1, newId());
        await push([{ ...taken, id: 3 }]);
        await staff(taken.recordId, { type: 'askInformation', question: 'Фото?' });
        await pushOne(
          setFieldsMutation(4, taken.recordId, [
            { path: 'propertyType', base: 'house', value: 'unfinished' },
          ]),
        );
        await expect(store.integrityCheck()).resolves.toBeUndefined();
      });

      it('upgrades a protocol-1 database and keeps its rows', async () => {
        const old = await createHarness();
        try {
          const v1Client = newId();
          const records = [
            {
              mutationId: 1,
              recordId: newId(),
              reference: newReference(),
              data: { ...V1_DATA },
              capturedAt: '2026-02-01T09:00:00.000Z',
              acceptedAt: '2026-02-01T10:00:00.000Z',
            },
            {
              mutationId: 2,
              recordId: newId(),
              reference: newReference(),
              data: { ...V1_DATA, propertyType: 'apartment' },
              capturedAt: '2026-02-02T09:00:00.000Z',
              acceptedAt: '2026-02-02T10:00:00.000Z',
            },
          ];
          await old.seedV1({ clientId: v1Client, records });
          const upgraded = await old.open();

          expect(await upgraded.countRecords()).toBe(2);
          const first = await upgraded.getRecord(records[0]!.recordId, 'all');
          expect(first).toEqual({
            record: {
              recordId: records[0]!.recordId,
              clientId: v1Client,
              // Nobody signed in under protocol 1; the old `oblast` field places it.
              ownerUserId: null,
              oblast: VINNYTSIA_OBLAST,
              assignedTo: null,
              service: 'damageReport',
              reference: records[0]!.reference,
              status: 'received',
              fields: { ...V1_DATA, status: 'received' },
              version: 1,
              capturedAt: '2026-02-01T09:00:00.000Z',
              acceptedAt: records[0]!.acceptedAt,
              updatedAt: records[0]!.acceptedAt,
            },
            conflicts: [],
            amendments: [],
            timeline: [{ at: records[0]!.acceptedAt, kind: 'delivered' }],
          });

          // The phone replays its old mutation, now signed in: its person adopts its records, and the
          // answer comes from the stored (now v2-shaped) result.
          const v1User = userOf(v1Client);
          const replay = accepted(
            await upgraded.applyPush(
              {
                clientId: v1Client,
                userId: v1User,
                mutations: [submitMutation(1, { recordId: records[0]!.recordId })],
              },
              T1,
            ),
          );
          expect(replay.results).toEqual([
            {
              id: 1,
              status: 'applied',
              recordId: records[0]!.recordId,
              acceptedAt: records[0]!.acceptedAt,
              version: 1,
            },
          ]);
          // Its next pull brings full v2 snapshots, and v2 edits work on the old rows.
          const page = pulled(
            await upgraded.pull({ userId: v1User, clientId: v1Client, after: '', limit: 10 }),
          );
          expect(page.changes.map((change) => change.recordId)).toEqual(
            records.map((record) => record.recordId),
          );
          expect(page.lastMutationId).toBe(2);
          expect((await upgraded.getRecord(records[0]!.recordId, 'all'))?.record.ownerUserId).toBe(v1User);
          const edit = await upgraded.applyPush(
            {
              clientId: v1Client,
              userId: v1User,
              mutations: [
                // The old record fails today's fuller schema; an edit that adds no problem still goes in.
                setFieldsMutation(3, records[1]!.recordId, [
                  { path: 'description', base: V1_DATA.description, value: CITIZEN_DESCRIPTION },
                ]),
              ],
            },
            T1,
          );
          expect(accepted(edit).results[0]).toMatchObject({ status: 'applied', version: 2 });

          // The person corrects the property's oblast (frozen: an amendment); when Vinnytsia's office
          // accepts it, the record moves to Kyiv oblast's queue.
          const oblastChange = accepted(
            await upgraded.applyPush(
              {
                clientId: v1Client,
                userId: v1User,
                mutations: [
                  setFieldsMutation(4, records[0]!.recordId, [
                    { path: 'propOblast', base: null, value: KYIV_OBLAST },
                  ]),
                ],
              },
              T2,
            ),
          );
          expect(oblastChange.results[0]).toMatchObject({ status: 'merged', amendments: ['propOblast'] });
          const pending = (await upgraded.getRecord(records[0]!.recordId, [VINNYTSIA_OBLAST]))!
            .amendments[0]!;
          expect(
            await upgraded.applyStaffAction(
              records[0]!.recordId,
              { type: 'decideAmendment', amendmentIds: [pending.amendmentId], decision: 'accept' },
              [VINNYTSIA_OBLAST],
              T3,
            ),
          ).toMatchObject({ ok: true, record: { fields: { propOblast: KYIV_OBLAST } } });
          expect(await upgraded.getRecord(records[0]!.recordId, [VINNYTSIA_OBLAST])).toBeUndefined();
          expect((await upgraded.getRecord(records[0]!.recordId, [KYIV_OBLAST]))?.record.oblast).toBe(
            KYIV_OBLAST,
          );
          const vinnytsia = await upgraded.listQueue({ oblasts: [VINNYTSIA_OBLAST], limit: 10 });
          expect(vinnytsia.items.map((item) => item.recordId)).toEqual([records[1]!.recordId]);
          await upgraded.integrityCheck();
        } finally {
          await old.dispose();
        }
      });

      it('upgrades a migration-2 database: keeps its rows, places them in oblasts, and the device’s person adopts them', async () => {
        const old = await createHarness();
        try {
          const v2Client = newId();
          const amendmentId = newId();
          const records = [
            {
              mutationId: 1,
              recordId: newId(),
              service: 'damageReport',
              reference: newReference(),
              fields: { ...VALID_FIELDS, status: 'received' },
              capturedAt: '2026-02-10T09:00:00.000Z',
              acceptedAt: '2026-02-10T10:00:00.000Z',
              amendment: { amendmentId, path: 'propertyType', value: 'apartment' },
            },
            {
              mutationId: 2,
              recordId: newId(),
              service: 'idpRegistration',
              reference: newReference(),
              fields: { ...VALID_IDP_FIELDS, ...LVIV_ADDRESS, status: 'received' },
              capturedAt: '2026-02-11T09:00:00.000Z',
              acceptedAt: '2026-02-11T10:00:00.000Z',
            },
          ];
          await old.seedV2({ clientId: v2Client, records });
          const upgraded = await old.open();

          expect(await upgraded.countRecords()).toBe(2);
          expect(await upgraded.getRecord(records[0]!.recordId, [KYIV_OBLAST])).toEqual({
            record: {
              recordId: records[0]!.recordId,
              clientId: v2Client,
              ownerUserId: null,
              oblast: KYIV_OBLAST,
              assignedTo: null,
              service: 'damageReport',
              reference: records[0]!.reference,
              status: 'received',
              fields: records[0]!.fields,
              version: 1,
              capturedAt: records[0]!.capturedAt,
              acceptedAt: records[0]!.acceptedAt,
              updatedAt: records[0]!.acceptedAt,
            },
            conflicts: [],
            amendments: [
              {
                amendmentId,
                recordId: records[0]!.recordId,
                path: 'propertyType',
                value: 'apartment',
                state: 'pending',
                createdAt: records[0]!.acceptedAt,
                decidedAt: null,
              },
            ],
            timeline: [{ at: records[0]!.acceptedAt, kind: 'delivered' }],
          });
          // The IDP registration is placed where the person lives now (Lviv), not where they left.
          expect((await upgraded.getRecord(records[1]!.recordId, [LVIV_OBLAST]))?.record.oblast).toBe(
            LVIV_OBLAST,
          );
          expect((await upgraded.listQueue({ oblasts: [KYIV_OBLAST], limit: 10 })).items).toEqual([
            {
              recordId: records[0]!.recordId,
              reference: records[0]!.reference,
              service: 'damageReport',
              status: 'received',
              oblast: KYIV_OBLAST,
              acceptedAt: records[0]!.acceptedAt,
              updatedAt: records[0]!.acceptedAt,
              assignedTo: null,
              openConflicts: 0,
              pendingAmendments: 1,
            },
          ]);
          await upgraded.integrityCheck();

          // The office works on a record nobody owns yet; nobody's pull carries it meanwhile.
          const person = newId();
          expect(
            await upgraded.applyStaffAction(
              records[0]!.recordId,
              { type: 'setStatus', status: 'inReview' },
              [KYIV_OBLAST],
              T0,
            ),
          ).toMatchObject({ ok: true });
          const early = pulled(
            await upgraded.pull({ userId: person, clientId: newId(), after: '', limit: 10 }),
          );
          expect(early.changes).toEqual([]);

          // The phone signs in and replays its last mutation: bound, answered from the stored result,
          // and its person adopts both records, which reach even a device with a cursor already set.
          const replay = await upgraded.applyPush(
            {
              clientId: v2Client,
              userId: person,
              mutations: [submitMutation(2, { recordId: records[1]!.recordId })],
            },
            T1,
          );
          expect(accepted(replay)).toEqual({
            results: [
              {
                id: 2,
                status: 'applied',
                recordId: records[1]!.recordId,
                version: 1,
                acceptedAt: records[1]!.acceptedAt,
              },
            ],
            lastMutationId: 2,
          });
          const laptop = pulled(
            await upgraded.pull({ userId: person, clientId: newId(), after: early.cursor, limit: 10 }),
          );
          expect(laptop.changes.map((change) => [change.recordId, change.status])).toEqual([
            [records[0]!.recordId, 'inReview'],
            [records[1]!.recordId, 'received'],
          ]);
          expect((await upgraded.getRecord(records[0]!.recordId, 'all'))?.record.ownerUserId).toBe(person);

          // Bound for good: someone else on that device profile is refused.
          expect(
            await upgraded.applyPush(
              { clientId: v2Client, userId: newId(), mutations: [submitMutation(3)] },
              T2,
            ),
          ).toEqual({ ok: false, refusal: 'client.otherUser' });
          await upgraded.integrityCheck();
        } finally {
          await old.dispose();
        }
      });
    });

    describe('photo blobs', () => {
      const SHA = 'ab'.repeat(32);
      const OTHER_SHA = 'cd'.repeat(32);
      const photoFields = (photoId: string, sha256: string, exists = true) => ({
        [`photos/${photoId}/_exists`]: exists,
        [`photos/${photoId}/sha256`]: sha256,
        [`photos/${photoId}/bytes`]: 1234,
      });

      it('a person may upload the bytes of a live photo row of their own records, and nobody else may', async () => {
        await pushOne(submitMutation(1, { fields: { ...VALID_FIELDS, ...photoFields(newId(), SHA) } }));
        expect(await store.recordReferencesBlob(userOf(clientId), SHA)).toBe(true);
        expect(await store.recordReferencesBlob(userOf(clientId), OTHER_SHA)).toBe(false);
        expect(await store.recordReferencesBlob(userOf(newId()), SHA)).toBe(false);
      });

      it('a removed photo row, or the hash in another field, gives no right to upload', async () => {
        await pushOne(
          submitMutation(1, {
            fields: { ...VALID_FIELDS, ...photoFields(newId(), SHA, false), description: OTHER_SHA },
          }),
        );
        expect(await store.recordReferencesBlob(userOf(clientId), SHA)).toBe(false);
        expect(await store.recordReferencesBlob(userOf(clientId), OTHER_SHA)).toBe(false);
      });
    });
  });
}
