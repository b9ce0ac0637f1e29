import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresHarness, type PostgresHarness } from './postgres-harness';
import { describeStoreContract } from './store-contract';

describeStoreContract('PostgreSQL', createPostgresHarness);

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
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    for (const store of stores) await expect(store.integrityCheck()).resolves.toBeUndefined();
  });
});
