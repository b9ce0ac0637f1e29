import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreTarget } from './api-process';
import { createFaultSchema } from './postgres-schema';

export type StoreKind = StoreTarget['kind'];
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

/** A fresh, empty store: a temp data dir for SQLite, a new schema for PostgreSQL. */
export async function freshStore(
  kind: StoreKind,
): Promise<{ target: StoreTarget; dispose(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'lastivka-fault-data-'));
    return {
      target: { kind, dataDir },
      async dispose() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createFaultSchema();
  return { target: { kind, databaseUrl: schema.connectionString }, dispose: () => schema.drop() };
}
