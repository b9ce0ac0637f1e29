import { DATABASE_NAME } from './database-name';

export const DEFAULT_PROFILE_ID = 'default';

/**
 * Each person on a shared phone has their own database. The first profile keeps the original name so a
 * phone that had data before profiles existed keeps it.
 */
export function profileDatabaseName(profileId: string): string {
  return profileId === DEFAULT_PROFILE_ID ? DATABASE_NAME : `${DATABASE_NAME}-${profileId}`;
}

const WORKER_NAME_PREFIX = 'lastivka-data:';

export function workerNameForProfile(profileId: string): string {
  return `${WORKER_NAME_PREFIX}${profileId}`;
}

/** The data worker learns its profile from its name, which the page sets when it starts the worker. */
export function profileFromWorkerName(name: string): string {
  const id = name.startsWith(WORKER_NAME_PREFIX) ? name.slice(WORKER_NAME_PREFIX.length) : '';
  return /^[a-z0-9-]{1,40}$/.test(id) ? id : DEFAULT_PROFILE_ID;
}
