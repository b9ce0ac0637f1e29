import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';
import { dataBridge } from '../data-bridge';

export const updateWaiting = signal(false);
let workbox: Workbox | undefined;

/**
 * Registers the service worker. A new version waits until the person agrees: switching code under a
 * half-filled form is exactly the surprise people on a bad connection do not need.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    updateWaiting.value = true;
  });
  // The service worker's Background Sync event asks an open page to push through its data worker.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type !== 'sync-requested') return;
    const port = event.ports[0];
    void dataBridge()
      .syncNow()
      .then((outcome) => port?.postMessage(outcome))
      .catch(() => port?.postMessage({ result: 'retrying' }));
  });
  void workbox.register();
}

export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}

/** Asks the browser to wake the service worker when connectivity returns, even if the app is closed. */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.ready) as
      | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
      | undefined;
    await registration?.sync?.register('lastivka-outbox');
  } catch {
    // Not supported (Firefox, Safari): the online event and app start still send.
  }
}
