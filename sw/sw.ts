/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { ConnectionHints } from '../src/local/photos/upload-policy';
import { registerKatottgCache } from './katottg-cache';
import { sendWithoutPage } from './send-without-page';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

const SYNC_TAG = 'lastivka-outbox';
const SYNC_ANSWER_TIMEOUT_MS = 60_000;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Address data (public/katottg/*.json): cache-first per file, outside the precache (see katottg-cache.ts).
registerKatottgCache();

// The first install takes control at once, so a person who opens the app once and loses signal still
// has it. Later versions wait for consent (below); claiming does not skip that wait.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Every navigation gets the precached shell, so the app opens with no network at all. The API and the
// caseworker console are never answered from the citizen cache.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/staff/] }),
);

// A new version waits until the person presses "Update" (see service-worker-registration.ts).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

/**
 * Background Sync: the browser wakes us when connectivity returns, with the app open or not. An open
 * page sends through its data worker, which records every answer; with none open we send from here,
 * reading the database only (send-without-page.ts). A rejection makes the browser try again later.
 */
self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(sendOutbox());
}) as EventListener);

async function sendOutbox(): Promise<void> {
  const [page] = await self.clients.matchAll({ type: 'window' });
  if (page) return askPageToSync(page);
  await sendWithoutPage(
    { baseUrl: self.location.origin, fetch: (input, init) => fetch(input, init) },
    () => (navigator as { connection?: ConnectionHints }).connection,
  );
}

async function askPageToSync(page: WindowClient): Promise<void> {
  const outcome = await new Promise<{ result?: string }>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve({ result: 'timeout' }), SYNC_ANSWER_TIMEOUT_MS);
    channel.port1.onmessage = (message: MessageEvent<{ result?: string }>) => {
      clearTimeout(timer);
      resolve(message.data);
    };
    page.postMessage({ type: 'sync-requested' }, [channel.port2]);
  });
  // Resolving tells the browser the outbox was sent; rejecting keeps the sync registered so the browser
  // tries again, and the app sends on its next start in any case.
  if (outcome.result !== 'done') throw new Error(`sync ${outcome.result ?? 'failed'}`);
}
