import type { LocalDatabase } from '../../local/database/local-database';
import {
  type ConnectionHints,
  photoUploadProgress,
  readUploadPolicy,
  type UploadGate,
  type UploadProgress,
  type UploadTransport,
  uploadGate,
  uploadPendingPhotos,
} from '../../local/photos';

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
): Promise<{ sent: number; gate: UploadGate }> {
  const gate = await currentUploadGate(db, saveDataConfirmed);
  if (gate !== 'go') return { sent: 0, gate };
  const { sent } = await uploadPendingPhotos(db, transport);
  return { sent, gate };
}

export async function photoUploadState(
  db: LocalDatabase,
  recordId: string,
  saveDataConfirmed: boolean,
): Promise<UploadProgress & { readonly gate: UploadGate }> {
  const [progress, gate] = await Promise.all([
    photoUploadProgress(db, recordId),
    currentUploadGate(db, saveDataConfirmed),
  ]);
  return { ...progress, gate };
}
