import { type Remote, wrap } from 'comlink';
import { workerNameForProfile } from '../local/database/profile-database-name';
import type { DataApi } from '../worker/data-api';
import { activeProfileId } from './state/profiles-model';

let bridge: Remote<DataApi> | undefined;

function startWorker(profileId: string): Remote<DataApi> {
  return wrap<DataApi>(
    new Worker(new URL('../worker/data-worker.ts', import.meta.url), {
      type: 'module',
      // The worker opens the database of the profile named here, and no other.
      name: workerNameForProfile(profileId),
    }),
  );
}

/** The one way the page reaches the local database: a typed comlink proxy to the active profile's worker. */
export function dataBridge(): Remote<DataApi> {
  bridge ??= startWorker(activeProfileId.value);
  return bridge;
}
