import type pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/store/store';
import { accepted, newId, newReference, pulled, submitMutation } from './fixtures';
import { createPostgresHarness, type PostgresHarness } from './postgres-harness';

// Two writers for one person's records that do not share the push lock (a caseworker's edit, or the
// person's other device, does not): T1 takes the lower change sequence but commits last. A cursor
// built from the sequence alone would hand out T2's row, move past T1's and never return to it.
// (A pull also holds rows back behind any other open transaction on the server, e.g. another test
// run's; `harness.settle()` waits those out wherever a test expects rows to be served.)

let harness: PostgresHarness;
let store: Store;
let t1: pg.Client;
let t2: pg.Client;
let observer: pg.Client;
let clientId: string;
let userId: string;

beforeEach(async () => {
  harness = await createPostgresHarness();
  store = await harness.open();
  clientId = newId();
  userId = newId();
  [t1, t2, observer] = await Promise.all([harness.connect(), harness.connect(), harness.connect()]);
  await observer.query('INSERT INTO clients (client_id, user_id, last_mutation_id) VALUES ($1, $2, 0)', [
    clientId,
    userId,
  ]);
});

afterEach(async () => {
  await harness.dispose();
});

async function writeRecord(db: pg.Client, recordId: string): Promise<{ seq: number }> {
  await db.query(
    `INSERT INTO records (record_id, client_id, owner_user_id, service, reference, status, fields, captured_at, accepted_at, updated_at)
     VALUES ($1, $2, $3, 'damageReport', $4, 'received', '{"status": "received"}', '2026-03-01T10:00:00Z', now(), now())`,
    [recordId, clientId, userId, newReference()],
  );
  const { rows } = await db.query<{ seq: string }>(
    'INSERT INTO change_log (record_id, client_id, user_id, changed_at) VALUES ($1, $2, $3, now()) RETURNING seq',
    [recordId, clientId, userId],
  );
  return { seq: Number(rows[0]!.seq) };
}

const pull = async (after: string, from: Store = store) =>
  pulled(await from.pull({ userId, clientId, after, limit: 100 }));

it('never lets the cursor pass a change whose transaction is still open', async () => {
  const first = submitMutation(1);
  accepted(await store.applyPush({ clientId, userId, mutations: [first] }, new Date()));
  await harness.settle();
  const start = await pull('');
  expect(start.changes.map((change) => change.recordId)).toEqual([first.recordId]);

  const slowRecord = newId();
  const fastRecord = newId();
  await t1.query('BEGIN');
  const slow = await writeRecord(t1, slowRecord);
  await t2.query('BEGIN');
  const fast = await writeRecord(t2, fastRecord);
  await t2.query('COMMIT');
  expect(fast.seq).toBeGreaterThan(slow.seq);

  // The scenario is real: T2's row is committed and visible to any plain reader...
  const visible = await observer.query('SELECT seq FROM change_log WHERE record_id = $1', [fastRecord]);
  expect(visible.rowCount).toBe(1);
  // ...but the pull holds it back while T1, with an older transaction id, may still commit.
  const during = await pull(start.cursor);
  expect(during.changes).toEqual([]);
  expect(during.cursor).toBe(start.cursor);

  await t1.query('COMMIT');
  await harness.settle();
  const after = await pull(during.cursor);
  expect(after.changes.map((change) => change.recordId)).toEqual([slowRecord, fastRecord]);
  expect((await pull(after.cursor)).changes).toEqual([]);
});

it('serves rows of a transaction that rolled back to nobody and does not stall behind it', async () => {
  await t1.query('BEGIN');
  await writeRecord(t1, newId());
  await t2.query('BEGIN');
  const kept = newId();
  await writeRecord(t2, kept);
  await t2.query('COMMIT');
  await t1.query('ROLLBACK');

  await harness.settle();
  const page = await pull('');
  expect(page.changes.map((change) => change.recordId)).toEqual([kept]);
});

it('loses nothing when two API processes push and pull at the same time, two devices per person', async () => {
  const other = await harness.open();
  const people = [newId(), newId(), newId()];
  // Each person pushes from two devices at once (their own push locks, so no order between them);
  // one device of theirs pulls the person's single stream.
  const devices = people.flatMap((person) => [
    { person, clientId: newId() },
    { person, clientId: newId() },
  ]);
  const expected = new Map(people.map((id) => [id, new Set<string>()]));
  const received = new Map(people.map((id) => [id, [] as string[]]));
  const cursors = new Map(people.map((id) => [id, '']));

  const pullAll = async () => {
    for (const person of people) {
      const reader = devices.find((device) => device.person === person)!;
      for (;;) {
        const page = pulled(
          await (Math.random() < 0.5 ? store : other).pull({
            userId: person,
            clientId: reader.clientId,
            after: cursors.get(person)!,
            limit: 3,
          }),
        );
        received.get(person)!.push(...page.changes.map((change) => change.recordId));
        cursors.set(person, page.cursor);
        if (!page.hasMore) break;
      }
    }
  };

  const writers = devices.map(async (device, index) => {
    for (let batch = 0; batch < 6; batch++) {
      const mutations = [submitMutation(batch * 2 + 1), submitMutation(batch * 2 + 2)];
      accepted(
        await (index % 2 === 0 ? store : other).applyPush(
          { clientId: device.clientId, userId: device.person, mutations },
          new Date(),
        ),
      );
      for (const mutation of mutations) expected.get(device.person)!.add(mutation.recordId);
    }
  });
  let writing = true;
  const reader = (async () => {
    while (writing) await pullAll();
  })();
  await Promise.all(writers);
  writing = false;
  await reader;
  await harness.settle();
  await pullAll();

  // Every record exactly once (each was written once), none of anyone else's.
  for (const person of people) {
    expect(received.get(person)).toHaveLength(expected.get(person)!.size);
    expect(new Set(received.get(person))).toEqual(expected.get(person));
  }
});
