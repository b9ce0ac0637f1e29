import type { LocalDatabase } from '../../local/database/local-database';
import {
  type ConnectionHints,
  photoUploadItems,
  photoUploadProgress,
  photoUploadsPaused,
  readUploadPolicy,
  type UploadGate,
  type UploadRun,
  type UploadTransport,
  uploadGate,
  uploadPendingPhotos,
} from '../../local/photos';
import type { PhotoUploadState } from '../data-api';

/** navigator.connection where the browser has it (Chromium); undefined elsewhere. */
function connectionHints(): ConnectionHints | undefined {
  return (globalThis as { navigator?: { connection?: ConnectionHints } }).navigator?.connection;
}

export async function currentUploadGate(db: LocalDatabase, saveDataConfirmed: boolean): Promise<UploadGate> {
  return uploadGate(await readUploadPolicy(db), connectionHints(), saveDataConfirmed);
}

/** After a sync round: the photos of delivered records, if the person's choice and the link allow. */
export async function sendPendingPhotos(
  db: LocalDatabase,
  transport: UploadTransport,
  saveDataConfirmed: boolean,
): Promise<UploadRun & { gate: UploadGate }> {
  const gate = await currentUploadGate(db, saveDataConfirmed);
  if (gate !== 'go') return { sent: 0, paused: false, gate };
  return { ...(await uploadPendingPhotos(db, transport)), gate };
}

export async function photoUploadState(
  db: LocalDatabase,
  recordId: string,
  saveDataConfirmed: boolean,
): Promise<PhotoUploadState> {
  const [progress, items, gate, paused] = await Promise.all([
    photoUploadProgress(db, recordId),
    photoUploadItems(db, recordId),
    currentUploadGate(db, saveDataConfirmed),
    photoUploadsPaused(db),
  ]);
  return { ...progress, items, gate, paused };
}
