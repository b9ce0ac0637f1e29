import { computed, signal } from '@preact/signals';
import { get, set } from 'idb-keyval';
import { DEFAULT_PROFILE_ID, profileDatabaseName } from '../../local/database/profile-database-name';
import { ACTIVE_PROFILE_KEY, PROFILES_KEY } from '../../local/database/profile-keys';

export interface Profile {
  readonly id: string;
  /** What the people sharing the phone call this profile; stays on this phone only. */
  readonly label: string;
}

export const profiles = signal<readonly Profile[]>([{ id: DEFAULT_PROFILE_ID, label: '' }]);
export const activeProfileId = signal(DEFAULT_PROFILE_ID);
/** The open profile's name when the phone has more than one profile (shown in the menu), else ''. */
export const activeProfileLabel = computed(() =>
  profiles.value.length > 1
    ? (profiles.value.find((profile) => profile.id === activeProfileId.value)?.label ?? '')
    : '',
);

export async function restoreProfiles(): Promise<void> {
  try {
    const [stored, active] = await Promise.all([
      get<Profile[]>(PROFILES_KEY),
      get<string>(ACTIVE_PROFILE_KEY),
    ]);
    if (stored && stored.length > 0) profiles.value = stored;
    if (active && profiles.value.some((profile) => profile.id === active)) activeProfileId.value = active;
  } catch {
    // No storage: one profile, as before profiles existed.
  }
}

export async function addProfile(label: string): Promise<Profile> {
  const profile = { id: crypto.randomUUID().slice(0, 8), label: label.trim() };
  profiles.value = [...profiles.value, profile];
  await set(PROFILES_KEY, profiles.value);
  return profile;
}

export async function renameProfile(id: string, label: string): Promise<void> {
  profiles.value = profiles.value.map((profile) =>
    profile.id === id ? { ...profile, label: label.trim() } : profile,
  );
  await set(PROFILES_KEY, profiles.value);
}

export async function rememberActiveProfile(id: string): Promise<void> {
  await set(ACTIVE_PROFILE_KEY, id);
}

/** Deletes a profile and its whole local database (the caller has already warned about unsent items). */
export async function forgetProfile(id: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(profileDatabaseName(id));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Another tab still has it open: it is deleted as soon as that tab lets go.
    request.onblocked = () => resolve();
  });
  const remaining = profiles.value.filter((profile) => profile.id !== id);
  profiles.value = remaining.length > 0 ? remaining : [{ id: DEFAULT_PROFILE_ID, label: '' }];
  await set(PROFILES_KEY, profiles.value);
}

/** Unsent items of a profile, read straight from its database without starting its worker (which would sync). */
export async function countUnsent(id: string): Promise<number> {
  return new Promise((resolve) => {
    const request = indexedDB.open(profileDatabaseName(id));
    request.onerror = () => resolve(0);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('outbox')) {
        db.close();
        return resolve(0);
      }
      const count = db.transaction('outbox', 'readonly').objectStore('outbox').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => {
        db.close();
        resolve(0);
      };
    };
  });
}
