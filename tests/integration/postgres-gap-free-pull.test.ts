import type pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/store/store';
import { newId, newReference, submitMutation } from './fixtures';
import { createPostgresHarness, type PostgresHarness } from './postgres-harness';

// Two writers for one client's records that do not share the push lock (as a caseworker's edit
// will not): T1 takes the lower change sequence but commits last. A cursor built from the sequence
// alone would hand out T2's row, move past T1's and never return to it.

let harness: PostgresHarness;
let store: Store;
let t1: pg.Client;
let t2: pg.Client;
let observer: pg.Client;
let clientId: string;

beforeEach(async () => {
  harness = await createPostgresHarness();
  store = await harness.open();
  clientId = newId();
  [t1, t2, observer] = await Promise.all([harness.connect(), harness.connect(), harness.connect()]);
  await observer.query('INSERT INTO clients (client_id, last_mutation_id) VALUES ($1, 0)', [clientId]);
});

afterEach(async () => {
  await harness.dispose();
});

async function writeRecord(db: pg.Client, recordId: string): Promise<{ seq: number }> {
  await db.query(
    `INSERT INTO records (record_id, client_id, service, reference, status, fields, captured_at, accepted_at, updated_at)
     VALUES ($1, $2, 'damageReport', $3, 'received', '{"status": "received"}', '2026-03-01T10:00:00Z', now(), now())`,
    [recordId, clientId, newReference()],
  );
  const { rows } = await db.query<{ seq: string }>(
    'INSERT INTO change_log (record_id, client_id, changed_at) VALUES ($1, $2, now()) RETURNING seq',
    [recordId, clientId],
  );
  return { seq: Number(rows[0]!.seq) };
}

it('never lets the cursor pass a change whose transaction is still open', async () => {
  const first = submitMutation(1);
  await store.applyPush({ clientId, mutations: [first] }, new Date());
  const start = await store.pull(clientId, '', 100);
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
  const during = await store.pull(clientId, start.cursor, 100);
  expect(during.changes).toEqual([]);
  expect(during.cursor).toBe(start.cursor);

  await t1.query('COMMIT');
  const after = await store.pull(clientId, during.cursor, 100);
  expect(after.changes.map((change) => change.recordId)).toEqual([slowRecord, fastRecord]);
  expect((await store.pull(clientId, after.cursor, 100)).changes).toEqual([]);
});

it('serves rows of a transaction that rolled back to nobody and does not stall behind it', async () => {
  await t1.query('BEGIN');
  await writeRecord(t1, newId());
  await t2.query('BEGIN');
  const kept = newId();
  await writeRecord(t2, kept);
  await t2.query('COMMIT');
  await t1.query('ROLLBACK');

  const page = await store.pull(clientId, '', 100);
  expect(page.changes.map((change) => change.recordId)).toEqual([kept]);
});

it('loses nothing when two API processes push and pull at the same time', async () => {
  const other = await harness.open();
  const clients = [newId(), newId(), newId()];
  const expected = new Map(clients.map((id) => [id, [] as string[]]));
  const received = new Map(clients.map((id) => [id, [] as string[]]));
  const cursors = new Map(clients.map((id) => [id, '']));

  const pullAll = async () => {
    for (const id of clients) {
      for (;;) {
        const page = await (Math.random() < 0.5 ? store : other).pull(id, cursors.get(id)!, 3);
        received.get(id)!.push(...page.changes.map((change) => change.recordId));
        cursors.set(id, page.cursor);
        if (!page.hasMore) break;
      }
    }
  };

  const writers = clients.map(async (id, index) => {
    for (let batch = 0; batch < 8; batch++) {
      const mutations = [submitMutation(batch * 2 + 1), submitMutation(batch * 2 + 2)];
      await (index % 2 === 0 ? store : other).applyPush({ clientId: id, mutations }, new Date());
      expected.get(id)!.push(...mutations.map((mutation) => mutation.recordId));
    }
  });
  let writing = true;
  const reader = (async () => {
    while (writing) await pullAll();
  })();
  await Promise.all(writers);
  writing = false;
  await reader;
  await pullAll();

  for (const id of clients) expect(received.get(id)).toEqual(expected.get(id));
});
