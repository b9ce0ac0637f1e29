// Chromium driven by Playwright, with CDP network and CPU emulation and byte accounting from CDP's
// Network events. Launch arguments as in playwright.config.ts.
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function browserVersion(browser) {
  return browser.version();
}

/** Applies a link profile (bytes/s and ms, see network-profiles.mjs) to the page's requests. */
export async function emulateNetwork(cdp, profile) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: profile.offline,
    latency: profile.latency,
    downloadThroughput: profile.downloadThroughput,
    uploadThroughput: profile.uploadThroughput,
  });
}

export async function emulateCpu(cdp, rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

const TYPE_GROUPS = {
  Document: 'document',
  Script: 'script',
  Stylesheet: 'stylesheet',
  Image: 'image',
  Fetch: 'fetch/xhr',
  XHR: 'fetch/xhr',
};

function requestHeaderBytes(method, url, headers) {
  const { pathname, search } = new URL(url);
  let bytes = `${method} ${pathname}${search} HTTP/1.1\r\n`.length + 2;
  for (const [name, value] of Object.entries(headers ?? {})) bytes += `${name}: ${value}\r\n`.length;
  return bytes;
}

/**
 * Records every request the page makes: its resource type, method, URL, the request's header bytes
 * (from requestWillBeSentExtraInfo, as sent) and the bytes received for it (loadingFinished's
 * encodedDataLength: response headers plus the body as transferred, i.e. compressed).
 */
export function recordNetwork(cdp) {
  const requests = new Map();
  const entry = (id) => {
    let item = requests.get(id);
    if (!item) {
      item = {
        id,
        type: 'other',
        url: '',
        method: 'GET',
        requestHeaderBytes: 0,
        received: 0,
        finished: false,
      };
      requests.set(id, item);
    }
    return item;
  };
  const onSent = (event) => {
    const item = entry(event.requestId);
    item.url = event.request.url;
    item.method = event.request.method;
    item.type = TYPE_GROUPS[event.type] ?? 'other';
    item.fromServiceWorkerOrCache = false;
  };
  const onExtra = (event) => {
    const item = entry(event.requestId);
    item.requestHeaderHeaders = event.headers;
  };
  const onResponse = (event) => {
    const item = entry(event.requestId);
    item.status = event.response.status;
    item.fromServiceWorkerOrCache =
      event.response.fromServiceWorker || event.response.fromDiskCache || event.response.fromPrefetchCache;
    item.encoding = event.response.headers['content-encoding'] ?? event.response.headers['Content-Encoding'];
  };
  const onFinished = (event) => {
    const item = entry(event.requestId);
    item.received = event.encodedDataLength;
    item.finished = true;
  };
  cdp.on('Network.requestWillBeSent', onSent);
  cdp.on('Network.requestWillBeSentExtraInfo', onExtra);
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  return {
    requests,
    clear() {
      requests.clear();
    },
    list(filter = () => true) {
      return [...requests.values()]
        .map((item) => ({
          ...item,
          requestHeaderBytes: item.url
            ? requestHeaderBytes(item.method, item.url, item.requestHeaderHeaders)
            : 0,
        }))
        .filter(filter);
    },
    /** Bytes received per resource type (what the phone downloads), plus the total. */
    receivedByType(filter = () => true) {
      const out = { document: 0, script: 0, stylesheet: 0, image: 0, 'fetch/xhr': 0, other: 0, total: 0 };
      for (const item of this.list(filter)) {
        out[item.type] += item.received;
        out.total += item.received;
      }
      return out;
    },
    stop() {
      cdp.off('Network.requestWillBeSent', onSent);
      cdp.off('Network.requestWillBeSentExtraInfo', onExtra);
      cdp.off('Network.responseReceived', onResponse);
      cdp.off('Network.loadingFinished', onFinished);
    },
  };
}
