import { signal } from '@preact/signals';

/**
 * Whether the browser promised to keep this site's data when the phone runs low on space. Unknown until
 * the first item waits to be sent; only then do we ask (Chromium answers without a prompt, granting it
 * to installed or often-used apps), so a person who only looks never triggers it.
 */
export const storagePersisted = signal<boolean | undefined>(undefined);
let asked = false;

export async function ensurePersistentStorage(): Promise<void> {
  if (asked) return;
  asked = true;
  const storage = navigator.storage as (StorageManager & { persist?: () => Promise<boolean> }) | undefined;
  if (!storage?.persist) return;
  try {
    storagePersisted.value = (await storage.persisted?.()) || (await storage.persist());
  } catch {
    storagePersisted.value = false;
  }
}
