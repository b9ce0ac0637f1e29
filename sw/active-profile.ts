import { DEFAULT_PROFILE_ID, profileDatabaseName } from '../src/local/database/profile-database-name';
import {
  ACTIVE_PROFILE_KEY,
  KEYVAL_DATABASE,
  KEYVAL_STORE,
  PROFILES_KEY,
} from '../src/local/database/profile-keys';
import { openExistingDatabase, readFrom } from './read-only-database';

/**
 * The database of the profile the phone last had open, chosen as the page chooses it on start
 * (src/client/state/profiles-model.ts): read raw, because idb-keyval's `get` would create its store.
 */
export async function activeProfileDatabaseName(factory: IDBFactory = indexedDB): Promise<string> {
  const keyval = await openExistingDatabase(KEYVAL_DATABASE, factory);
  if (!keyval) return profileDatabaseName(DEFAULT_PROFILE_ID);
  try {
    if (!keyval.objectStoreNames.contains(KEYVAL_STORE)) return profileDatabaseName(DEFAULT_PROFILE_ID);
    const [profiles, active] = await Promise.all([
      readFrom<unknown>(keyval, KEYVAL_STORE, (store) => store.get(PROFILES_KEY)),
      readFrom<unknown>(keyval, KEYVAL_STORE, (store) => store.get(ACTIVE_PROFILE_KEY)),
    ]);
    return profileDatabaseName(chooseActiveProfile(profiles, active));
  } finally {
    keyval.close();
  }
}

/** The remembered profile if it is still on the list (a forgotten one falls back to the first). */
export function chooseActiveProfile(profiles: unknown, active: unknown): string {
  const known = Array.isArray(profiles) && profiles.length > 0 ? profiles : [{ id: DEFAULT_PROFILE_ID }];
  const listed = known.some((profile) => (profile as { id?: unknown } | null)?.id === active);
  return typeof active === 'string' && listed ? active : DEFAULT_PROFILE_ID;
}
