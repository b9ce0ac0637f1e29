import type { LocalDatabase } from '../database/local-database';

/** «через будь-яке зʼєднання» or «лише через Wi-Fi»: the person's choice for sending photos. */
export type PhotoUploadPolicy = 'any' | 'wifiOnly';

/** The worker keeps the page's choice here too, so a worker started before the page speaks knows it. */
export const META_PHOTO_UPLOAD_POLICY = 'photoUploadPolicy';

/** What the Network Information API tells, where the browser has it (Chromium on Android does; Safari does not). */
export interface ConnectionHints {
  readonly type?: string;
  readonly saveData?: boolean;
}

/**
 * go: send now; waitForWifi: the person chose Wi-Fi only and the link says it is something else;
 * askSaveData: the browser asks sites to save data, so photos wait until the person says yes.
 * Without a connection type (most desktop browsers, Safari) nobody can tell Wi-Fi from mobile data,
 * so the choice cannot be enforced there and photos go.
 */
export type UploadGate = 'go' | 'waitForWifi' | 'askSaveData';

export function uploadGate(
  policy: PhotoUploadPolicy,
  connection: ConnectionHints | undefined,
  saveDataConfirmed: boolean,
): UploadGate {
  const type = connection?.type;
  if (
    policy === 'wifiOnly' &&
    type !== undefined &&
    type !== 'wifi' &&
    type !== 'ethernet' &&
    type !== 'unknown'
  ) {
    return 'waitForWifi';
  }
  if (connection?.saveData === true && !saveDataConfirmed) return 'askSaveData';
  return 'go';
}

export async function readUploadPolicy(db: LocalDatabase): Promise<PhotoUploadPolicy> {
  const stored = await db.meta.get(META_PHOTO_UPLOAD_POLICY);
  return stored?.value === 'wifiOnly' ? 'wifiOnly' : 'any';
}

export async function writeUploadPolicy(db: LocalDatabase, policy: PhotoUploadPolicy): Promise<void> {
  await db.meta.put({ key: META_PHOTO_UPLOAD_POLICY, value: policy });
}
