import { computed, signal } from '@preact/signals';
import type { LocalRecord, SyncStatus } from '../../local';
import { CHANGE_CHANNEL } from '../../local/database/change-notice';
import type { SyncOutcome } from '../../worker/data-api';
import { dataBridge } from '../data-bridge';
import { ensurePersistentStorage } from './storage-persistence';

// State the whole app shows, read-only outside this module and changed only through the actions below.
export const records = signal<readonly LocalRecord[] | null>(null);
export const syncStatus = signal<SyncStatus>({
  waiting: 0,
  needsAttention: 0,
  lastDeliveryAt: null,
  updateRequired: false,
  signInRequired: false,
});
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
/** Items that need the person: unresolved conflicts, refused changes, unanswered news. */
export const needsYou = computed(
  () =>
    (records.value ?? []).filter(
      (record) =>
        record.state === 'attention' ||
        record.unseen === true ||
        (record.server?.conflicts ?? []).some(
          (conflict) => !(record.resolvingConflicts ?? []).includes(conflict.conflictId),
        ),
    ).length,
);
export const syncActivity = signal<'idle' | 'sending' | SyncOutcome['result']>('idle');

export async function refresh(): Promise<void> {
  const bridge = dataBridge();
  const [list, status] = await Promise.all([bridge.listRecords(), bridge.syncStatus()]);
  records.value = list;
  syncStatus.value = status;
  // The first saved item that waits for a connection is when losing the site's data would hurt.
  if (status.waiting > 0) void ensurePersistentStorage();
}

export async function sendNow(): Promise<void> {
  syncActivity.value = 'sending';
  const outcome = await dataBridge().syncNow();
  syncActivity.value = outcome.result;
  await refresh();
}

export function startAppModel(): void {
  const channel = new BroadcastChannel(CHANGE_CHANNEL);
  channel.addEventListener('message', () => void refresh());
  addEventListener('online', () => {
    online.value = true;
    // The data worker hears 'online' too; asking here as well costs nothing (rounds coalesce) and covers
    // browsers that do not fire it in workers.
    void sendNow();
  });
  addEventListener('offline', () => {
    online.value = false;
    syncActivity.value = 'idle';
  });
  // Returning to the app is when people expect things to have been sent.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void sendNow();
  });
  void refresh();
}
