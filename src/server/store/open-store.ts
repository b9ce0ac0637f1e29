import type { Config } from '../config';
import { openPostgresStore } from './postgres/postgres-store';
import { openSqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** PostgreSQL when DATABASE_URL is set (several API processes, one database); SQLite otherwise. */
export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  if (config.databaseUrl !== undefined) return openPostgresStore({ connectionString: config.databaseUrl });
  return openSqliteStore(config.dataDir);
}
