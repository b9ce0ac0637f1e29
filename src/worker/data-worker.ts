import { expose } from 'comlink';
import {
  deleteDraft,
  listRecords,
  openLocalDatabase,
  readSyncStatus,
  saveDraft,
  submitRecord,
} from '../local';
import type { DataApi } from './data-api';
import { SyncScheduler } from './sync-scheduler';

// The data layer lives here so Dexie (the largest dependency) and every IndexedDB transaction stay off
// the page's main thread.
const db = openLocalDatabase();
const scheduler = new SyncScheduler(
  db,
  { baseUrl: self.location.origin, fetch: self.fetch.bind(self) },
  () => navigator.onLine,
);

const api: DataApi = {
  saveDraft: (input) => saveDraft(db, input),
  async submit(recordId) {
    const outcome = await submitRecord(db, recordId);
    if (outcome.ok) void scheduler.trigger();
    return outcome;
  },
  deleteDraft: (recordId) => deleteDraft(db, recordId),
  listRecords: () => listRecords(db),
  getRecord: (recordId) => db.records.get(recordId),
  syncStatus: () => readSyncStatus(db),
  syncNow: () => scheduler.trigger(),
};

self.addEventListener('online', () => void scheduler.trigger());
void scheduler.trigger();

expose(api);
