import { expose } from 'comlink';
// Modules by path, not through the local/ index: the index also lists submit-record, and a static path to
// it would pull the three services' schemas back into the worker's first load.
import { announceChange } from '../local/database/change-notice';
import { openLocalDatabase } from '../local/database/local-database';
import { profileDatabaseName, profileFromWorkerName } from '../local/database/profile-database-name';
import { deleteDraft } from '../local/records/delete-draft';
import { editRecord } from '../local/records/edit-record';
import { listRecords } from '../local/records/list-records';
import { resolveConflict } from '../local/records/resolve-conflict';
import { saveDraft } from '../local/records/save-draft';
import { withdrawRecord } from '../local/records/withdraw-record';
import { readSyncStatus } from '../local/sync/sync-status';
import type { DataApi } from './data-api';
import { SyncScheduler } from './sync-scheduler';

// The data layer lives here so Dexie (the largest dependency) and every IndexedDB transaction stay off
// the page's main thread. Each person on a shared phone has their own database; the page names the profile in the worker's name.
const db = openLocalDatabase(profileDatabaseName(profileFromWorkerName(self.name)));
const transport = { baseUrl: self.location.origin, fetch: self.fetch.bind(self) };
const photos = () => import('./photo/photo-service');
/** Save-Data is on and the person said «send anyway» in this session. */
let saveDataConfirmed = false;
const scheduler = new SyncScheduler(
  db,
  transport,
  () => navigator.onLine,
  // Photos after the records' text; the upload code loads only once there is a photo at all.
  async () => {
    if ((await db.photos.count()) > 0)
      await (await photos()).sendPendingPhotos(db, transport, saveDataConfirmed);
  },
);

/** Every change the person makes is sent at once when there is signal; the outbox keeps it when not. */
async function thenSync<T>(work: Promise<T>): Promise<T> {
  const result = await work;
  void scheduler.trigger();
  return result;
}

const api: DataApi = {
  saveDraft: (input) => saveDraft(db, input),
  async submit(recordId) {
    // The three services' schemas are only needed here: a separate chunk keeps them off the worker's
    // first load (the service worker precaches it, so it works offline).
    const { submitRecord } = await import('../local/records/submit-record');
    const outcome = await submitRecord(db, recordId);
    if (outcome.ok) void scheduler.trigger();
    return outcome;
  },
  edit: (recordId, values) => thenSync(editRecord(db, recordId, values)),
  resolveConflict: (recordId, conflictId, choice) =>
    thenSync(resolveConflict(db, recordId, conflictId, choice)),
  withdraw: (recordId) => thenSync(withdrawRecord(db, recordId)),
  async markSeen(recordId) {
    const changed = await db.records
      .where('id')
      .equals(recordId)
      .filter((record) => record.unseen === true)
      .modify({ unseen: false });
    if (changed > 0) announceChange({ type: 'records-changed' });
  },
  deleteDraft: (recordId) => deleteDraft(db, recordId),
  listRecords: () => listRecords(db),
  getRecord: (recordId) => db.records.get(recordId),
  syncStatus: () => readSyncStatus(db),
  syncNow: () => scheduler.trigger(),
  // Photo code (decoding, canvas, hashing) is a separate chunk fetched on first use.
  addPhoto: async (recordId, file) => (await photos()).attachPhoto(db, recordId, file),
  removePhoto: async (recordId, photoId) => (await photos()).removePhoto(db, recordId, photoId),
  listPhotos: async (recordId) => (await photos()).listPhotos(db, recordId),
  photoUploadState: async (recordId) => (await photos()).photoUploadState(db, recordId, saveDataConfirmed),
  async setPhotoUploadPolicy(policy) {
    await (await photos()).writeUploadPolicy(db, policy);
    void scheduler.trigger();
  },
  pausePhotoUploads: async () => (await photos()).pausePhotoUploads(db),
  async resumePhotoUploads() {
    await (await photos()).resumePhotoUploads(db);
    void scheduler.trigger();
  },
  async confirmPhotoUpload() {
    saveDataConfirmed = true;
    void scheduler.trigger();
  },
};

// Office decisions and questions arrive by pull; while the app is open, look every few minutes (a pull
// with nothing new costs a few hundred bytes).
const POLL_MS = 5 * 60_000;
setInterval(() => void scheduler.trigger(), POLL_MS);
self.addEventListener('online', () => void scheduler.trigger());
void scheduler.trigger();

expose(api);
