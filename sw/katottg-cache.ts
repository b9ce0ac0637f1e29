/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { HOSTILITIES_VERSION, KATOTTG_VERSION } from '../src/shared/domain/katottg/katottg-version';

declare const self: ServiceWorkerGlobalScope;

// Address data (public/katottg/*.json) is kept out of the precache: all of it is ~345 KB gzip against a
// 150 KB first-install budget, and a person needs one or two oblasts. Each file is cached the first time
// it is fetched and answered from the cache from then on, so an oblast opened once works offline.
//
// The cache is named after the data versions, which are compiled into this file: new data means a new
// service worker, hence a new cache, and nothing from the previous codifier is served as current.
const CACHE_PREFIX = 'lastivka-katottg-';
const CACHE_NAME = `${CACHE_PREFIX}${KATOTTG_VERSION}+${HOSTILITIES_VERSION}`;
const DATA_FILE = /^\/katottg\/[\w-]+\.json$/;

export function registerKatottgCache(): void {
  registerRoute(
    ({ url, request }) =>
      request.method === 'GET' && url.origin === self.location.origin && DATA_FILE.test(url.pathname),
    ({ url, event }) => cacheFirst(`${url.origin}${url.pathname}`, event as ExtendableEvent),
  );
}

async function cacheFirst(key: string, event: ExtendableEvent): Promise<Response> {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(key);
  if (cached) return cached;
  let response: Response;
  try {
    // Revalidate: the HTTP cache may still hold the previous version's file under the same URL.
    response = await fetch(key, { cache: 'no-cache', credentials: 'same-origin' });
  } catch {
    // Offline and not yet in the current cache: an older codifier's file beats no address picker.
    return (await fromOlderCaches(key)) ?? Response.error();
  }
  // Stored in the background: awaiting it would hold the body back until the whole file had arrived,
  // and the picker shows download progress.
  if (response.ok) event.waitUntil(cache.put(key, response.clone()).then(() => forgetInOlderCaches(key)));
  return response;
}

async function olderCacheNames(): Promise<string[]> {
  return (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME);
}

async function fromOlderCaches(key: string): Promise<Response | undefined> {
  for (const name of await olderCacheNames()) {
    const response = await (await caches.open(name)).match(key);
    if (response) return response;
  }
  return undefined;
}

/** Old versions are dropped file by file as the new ones arrive, and a cache is deleted once empty. */
async function forgetInOlderCaches(key: string): Promise<void> {
  for (const name of await olderCacheNames()) {
    const cache = await caches.open(name);
    await cache.delete(key);
    if ((await cache.keys()).length === 0) await caches.delete(name);
  }
}
