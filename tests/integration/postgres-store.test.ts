import { afterEach, describe, expect, it } from 'vitest';
import { accepted, newId, submitMutation } from './fixtures';
import { createPostgresHarness, type PostgresHarness } from './postgres-harness';
import { describeStoreContract } from './store-contract';

describeStoreContract('PostgreSQL', () => createPostgresHarness({ settlePulls: true }));

describe('PostgreSQL migrations', () => {
  let harness: PostgresHarness | undefined;
  afterEach(async () => {
    await harness?.dispose();
  });

  it('run once even when several processes start at the same moment', async () => {
    harness = await createPostgresHarness();
    const stores = await Promise.all([harness.open(), harness.open(), harness.open()]);
    const client = await harness.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    for (const store of stores) await expect(store.integrityCheck()).resolves.toBeUndefined();
  });
});

describe('PostgreSQL record ids', () => {
  let harness: PostgresHarness | undefined;
  afterEach(async () => {
    await harness?.dispose();
  });

  it('gives a record id raced by two clients on two processes to exactly one of them', async () => {
    harness = await createPostgresHarness();
    const [a, b] = await Promise.all([harness.open(), harness.open()]);
    for (let round = 0; round < 10; round++) {
      const recordId = newId();
      const [first, second] = await Promise.all([
        a.applyPush(
          { clientId: newId(), userId: newId(), mutations: [submitMutation(1, { recordId })] },
          new Date(),
        ),
        b.applyPush(
          { clientId: newId(), userId: newId(), mutations: [submitMutation(1, { recordId })] },
          new Date(),
        ),
      ]);
      const statuses = [accepted(first).results[0]!, accepted(second).results[0]!].map((result) =>
        result.status === 'rejected' ? result.reason : result.status,
      );
      expect(statuses.sort()).toEqual(['applied', 'record.idTaken']);
    }
    await a.integrityCheck();
  });
});
