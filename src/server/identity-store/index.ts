export * from './identity-store';
export { openIdentityStore } from './open-identity-store';
export {
  openPostgresIdentityStore,
  type PostgresIdentityStoreOptions,
} from './postgres/postgres-identity-store';
export { scheduleIdentityPrune } from './prune-schedule';
export { IDENTITY_SQLITE_FILE_NAME, openSqliteIdentityStore } from './sqlite/sqlite-identity-store';
