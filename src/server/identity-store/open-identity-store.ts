import type { IdentityStore } from './identity-store';
import { openPostgresIdentityStore } from './postgres/postgres-identity-store';
import { openSqliteIdentityStore } from './sqlite/sqlite-identity-store';

/** The same choice as the sync store: PostgreSQL when DATABASE_URL is set, the SQLite file under DATA_DIR otherwise. */
export function openIdentityStore(config: {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
}): Promise<IdentityStore> {
  if (config.databaseUrl !== undefined)
    return openPostgresIdentityStore({ connectionString: config.databaseUrl });
  return openSqliteIdentityStore(config.dataDir);
}
