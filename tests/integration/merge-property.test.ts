import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/store/sqlite/sqlite-store';
import type { Mutation, MutationResult } from '../../src/shared/protocol';
import { type FieldValue, sameValue } from '../../src/shared/record';
import {
  accepted,
  newId,
  resolveConflictMutation,
  setFieldsMutation,
  submitMutation,
  VALID_FIELDS,
  withdrawMutation,
} from './fixtures';

// Random interleavings of a phone's edits (from a local copy that is refreshed only when it pulls,
// so its bases go stale) and the office's corrections and decisions on one record. Whatever the
// order, no value the person wrote is lost without a trace, the phone never moves the status except
// by withdrawing, and replaying the phone's whole history changes nothing.

const VALUES: Readonly<Record<string, readonly FieldValue[]>> = {
  description: [
    VALID_FIELDS.description,
    'Зруйновано дах і три вікна',
    'Пошкоджено стіну з боку двору',
    'Вибито всі вікна на кухні',
  ],
  propStreet: [VALID_FIELDS.propStreet, 'вул. Соборна', 'просп. Свободи', 'вул. Лесі Українки'],
  propBuilding: [VALID_FIELDS.propBuilding ?? '12', '12А', '7', '101'],
  propertyType: ['house', 'apartment', 'garden_house'],
};
const CITIZEN_PATHS = Object.keys(VALUES);
const OFFICE_PATHS = ['description', 'propStreet', 'propBuilding'];

type Command =
  | { kind: 'citizenEdit'; edits: { path: string; value: number }[] }
  | { kind: 'staffEdit'; path: string; value: number }
  | { kind: 'staffStatus'; status: 'inReview' | 'needsInformation' | 'approved' }
  | { kind: 'resolve'; choice: 'server' | 'client' }
  | { kind: 'withdraw' }
  | { kind: 'pull' };

const valueIndex = fc.nat({ max: 3 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('citizenEdit' as const),
      edits: fc.uniqueArray(fc.record({ path: fc.constantFrom(...CITIZEN_PATHS), value: valueIndex }), {
        minLength: 1,
        maxLength: 3,
        selector: (edit) => edit.path,
      }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('staffEdit' as const),
      path: fc.constantFrom(...OFFICE_PATHS),
      value: valueIndex,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('staffStatus' as const),
      status: fc.constantFrom('inReview' as const, 'needsInformation' as const, 'approved' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      choice: fc.constantFrom('server' as const, 'client' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'withdraw' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pull' as const }) },
);

function valueAt(path: string, index: number): FieldValue {
  const values = VALUES[path]!;
  return values[index % values.length]!;
}

it('never loses a citizen value, never lets the phone move the status, and replays to nothing', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-property-'));
      const store = await openSqliteStore(dataDir);
      try {
        const clientId = newId();
        const userId = newId();
        const submit = submitMutation(1);
        const { recordId } = submit;
        const history: Mutation[] = [submit];
        const results: MutationResult[] = [];
        let clock = Date.parse('2026-03-02T08:00:00.000Z');
        const tick = () => {
          clock += 60_000;
          return new Date(clock);
        };
        const pushOne = async (mutation: Mutation) => {
          history.push(mutation);
          const response = accepted(
            await store.applyPush({ clientId, userId, mutations: [mutation] }, tick()),
          );
          results.push(response.results[0]!);
          return response.results[0]!;
        };
        const current = async () => (await store.getRecord(recordId, 'all'))!;

        results.push(
          accepted(await store.applyPush({ clientId, userId, mutations: [submit] }, tick())).results[0]!,
        );
        // The phone's copy: the last snapshot it pulled, plus its own edits since.
        let local: Record<string, FieldValue> = { ...(await current()).record.fields };
        let openConflicts = (await current()).conflicts.filter((conflict) => conflict.resolution === null);
        let nextId = 2;

        for (const step of commands) {
          if (step.kind === 'pull') {
            const bundle = await current();
            local = { ...bundle.record.fields };
            openConflicts = bundle.conflicts.filter((conflict) => conflict.resolution === null);
          } else if (step.kind === 'staffEdit') {
            const bundle = await current();
            await store.applyStaffAction(
              recordId,
              {
                type: 'setFields',
                changes: [
                  {
                    path: step.path,
                    base: bundle.record.fields[step.path] ?? null,
                    value: valueAt(step.path, step.value),
                  },
                ],
              },
              'all',
              tick(),
            );
          } else if (step.kind === 'staffStatus') {
            await store.applyStaffAction(recordId, { type: 'setStatus', status: step.status }, 'all', tick());
          } else if (step.kind === 'withdraw') {
            await pushOne(withdrawMutation(nextId++, recordId));
          } else {
            const changes =
              step.kind === 'citizenEdit'
                ? step.edits.map(({ path: fieldPath, value }) => ({
                    path: fieldPath,
                    base: local[fieldPath] ?? null,
                    value: valueAt(fieldPath, value),
                  }))
                : [];
            const conflict = step.kind === 'resolve' ? openConflicts.pop() : undefined;
            if (step.kind === 'resolve' && conflict === undefined) continue;
            const wanted =
              step.kind === 'resolve'
                ? step.choice === 'client'
                  ? [{ path: conflict!.path, value: conflict!.client }]
                  : []
                : changes;

            const before = await current();
            const mutation =
              step.kind === 'resolve'
                ? resolveConflictMutation(nextId++, recordId, conflict!.conflictId, step.choice)
                : setFieldsMutation(nextId++, recordId, changes);
            const result = await pushOne(mutation);
            const after = await current();

            // The phone's copy may show a conflict its own later edit of the path has superseded
            // since it pulled: choosing on it is answered conflict.notFound (the next pull shows
            // what replaced it), and the later edit is what stands.
            const superseded =
              conflict !== undefined &&
              before.conflicts.some(
                (row) => row.conflictId === conflict.conflictId && row.resolution === 'superseded',
              );
            if (superseded) {
              expect(result).toMatchObject({ status: 'rejected', reason: 'conflict.notFound' });
              expect(after).toEqual(before);
              continue;
            }
            expect(result.status).not.toBe('rejected');
            expect(after.record.status).toBe(before.record.status);
            expect(after.record.fields.status).toBe(before.record.status);
            for (const { path: fieldPath, value } of wanted) {
              const kept =
                sameValue(after.record.fields[fieldPath], value) ||
                after.conflicts.some((row) => row.path === fieldPath && sameValue(row.client, value)) ||
                after.amendments.some((row) => row.path === fieldPath && sameValue(row.value, value));
              expect(kept, `${fieldPath} = ${JSON.stringify(value)}`).toBe(true);
            }
            // The phone shows its own edits at once; its bases stay what it last saw otherwise.
            for (const { path: fieldPath, value } of wanted) local[fieldPath] = value;
          }
        }

        const snapshot = await current();
        const replay = accepted(await store.applyPush({ clientId, userId, mutations: history }, tick()));
        expect(replay.results).toEqual(results);
        expect(await current()).toEqual(snapshot);
        await store.integrityCheck();
      } finally {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }),
    { numRuns: 50 },
  );
});
