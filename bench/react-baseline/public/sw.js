// The baseline's offline support, equivalent to our Workbox precache: every built file cached on
// install, cache-first afterwards, every navigation answered with the cached index.html. The benchmark
// writes the file list into PRECACHE after the build.
const PRECACHE = [];
const CACHE = 'baseline-precache';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  const key = request.mode === 'navigate' ? '/index.html' : url.pathname;
  event.respondWith(caches.match(key).then((hit) => hit ?? fetch(request)));
});
