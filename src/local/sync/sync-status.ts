import type { LocalDatabase } from '../database/local-database';
import { META_LAST_DELIVERY_AT, META_SIGN_IN_REQUIRED, META_UPDATE_REQUIRED } from '../database/meta-keys';

export interface SyncStatus {
  readonly waiting: number;
  readonly needsAttention: number;
  readonly lastDeliveryAt: string | null;
  readonly updateRequired: boolean;
  readonly signInRequired: boolean;
}

export async function readSyncStatus(db: LocalDatabase): Promise<SyncStatus> {
  return db.transaction('r', db.outbox, db.records, db.meta, async () => {
    const [waiting, needsAttention, lastDelivery, updateRequired, signInRequired] = await Promise.all([
      db.outbox.count(),
      db.records.where('state').equals('attention').count(),
      db.meta.get(META_LAST_DELIVERY_AT),
      db.meta.get(META_UPDATE_REQUIRED),
      db.meta.get(META_SIGN_IN_REQUIRED),
    ]);
    return {
      waiting,
      needsAttention,
      lastDeliveryAt: typeof lastDelivery?.value === 'string' ? lastDelivery.value : null,
      updateRequired: updateRequired?.value === true,
      signInRequired: signInRequired?.value === true,
    };
  });
}
