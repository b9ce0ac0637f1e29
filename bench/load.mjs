// load: a cold first visit straight to the first form (/damage-report/new, a deep link, so no tap on the
// home screen is timed), until the form's first input is visible and enabled; then, once the service
// worker is installed, the repeat visit offline. Under DevTools "Slow 3G" and Lighthouse "Slow 4G",
// both with 4× CPU slowdown. Beside it, the same figures for a minimal React 19 build of the same first
// screen, built here with Vite and served precompressed by a tiny static server.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { emulateCpu, emulateNetwork, launchChromium } from './lib/browser.mjs';
import { buildPage } from './lib/build-page.mjs';
import { CPU_SLOWDOWN, DEVTOOLS_SLOW_3G, LIGHTHOUSE_SLOW_4G } from './lib/network-profiles.mjs';
import { startLastivkaServer } from './lib/processes.mjs';
import { precompress, startStaticServer } from './lib/static-server.mjs';
import { formatBytes, formatSummary, round, summary } from './lib/stats.mjs';
import { targetText, verdict } from './lib/targets.mjs';

const FORM_PATH = '/damage-report/new';
const USABLE_TIMEOUT_MS = 90_000;

/**
 * Runs in every document before its own scripts: notes the first animation frame after the first form
 * control is in the DOM, laid out, and enabled (rAF does not run while a stylesheet still blocks
 * rendering, so this is the first frame it can be painted in). Times are from navigation start.
 */
function usableProbe() {
  const selector = 'form input:not([type=hidden]), form select, form textarea';
  let seen = false;
  const check = () => {
    if (seen) return;
    const control = document.querySelector(selector);
    if (!control || control.disabled || control.closest('fieldset[disabled]')) return;
    const box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    seen = true;
    const domAt = performance.now();
    requestAnimationFrame(() => {
      window.__bench = { usableAt: performance.now(), domAt };
    });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

const TYPE_GROUPS = {
  document: 'document',
  script: 'script',
  stylesheet: 'stylesheet',
  image: 'image',
  fetch: 'fetch/xhr',
  xhr: 'fetch/xhr',
};

/**
 * Every request of the context (page, its workers, the service worker), with the bytes received for
 * it: Playwright's request.sizes(), i.e. CDP's encodedDataLength (headers and the body as transferred).
 * A dedicated worker's own script reports no body there; its Content-Length fills the gap.
 */
function trackRequests(context) {
  const list = [];
  const started = new Map();
  context.on('request', (request) => {
    started.set(request, { at: Date.now() });
  });
  context.on('requestfinished', async (request) => {
    try {
      const sizes = await request.sizes();
      const response = await request.response();
      let body = sizes.responseBodySize;
      if (body === 0 && response?.status() === 200) body = Number(response.headers()['content-length'] ?? 0);
      list.push({
        url: request.url(),
        type: request.serviceWorker() ? 'service worker' : (TYPE_GROUPS[request.resourceType()] ?? 'other'),
        startedAt: started.get(request)?.at ?? Date.now(),
        fromServiceWorker: response?.fromServiceWorker() ?? false,
        bytes: body + sizes.responseHeadersSize,
        encoding: response?.headers()['content-encoding'] ?? null,
      });
    } catch {
      // the context closed first
    }
  });
  return list;
}

function bytesByType(requests) {
  const out = { document: 0, script: 0, stylesheet: 0, image: 0, 'fetch/xhr': 0, other: 0, total: 0 };
  for (const request of requests) {
    if (request.fromServiceWorker) continue;
    const type = request.type === 'service worker' ? 'other' : request.type;
    out[type] = (out[type] ?? 0) + request.bytes;
    out.total += request.bytes;
  }
  return out;
}

async function waitUsable(page) {
  await page.waitForFunction(() => window.__bench?.usableAt !== undefined, null, {
    timeout: USABLE_TIMEOUT_MS,
    polling: 100,
  });
  return page.evaluate(() => window.__bench);
}

/** Waits until the service worker is active and the network has been quiet for a second. */
async function waitInstalled(page, requests) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  let count = -1;
  for (let i = 0; i < 60 && count !== requests.length; i++) {
    count = requests.length;
    await page.waitForTimeout(1000);
  }
}

async function measureOnce(browser, app, profile) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const requests = trackRequests(context);
    await context.addInitScript(usableProbe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await emulateNetwork(cdp, profile);
    await emulateCpu(cdp, CPU_SLOWDOWN);

    const navigationStarted = Date.now();
    await page.goto(`${app.url}${FORM_PATH}`, { waitUntil: 'commit', timeout: USABLE_TIMEOUT_MS });
    const cold = await waitUsable(page);
    const usableWall = navigationStarted + cold.usableAt;
    // Requests finish asynchronously: give the ones started before "usable" a moment to be counted.
    await page.waitForTimeout(200);
    const beforeUsable = requests.filter((request) => request.startedAt <= usableWall);
    const bytesUntilUsable = bytesByType(beforeUsable.filter((request) => request.type !== 'service worker'));
    // CDP emulation on the page does not reach the service worker: its precache downloads run
    // unthrottled. Those that started before the form was usable would share a real link with it.
    const serviceWorkerBytesBeforeUsable = beforeUsable
      .filter((request) => request.type === 'service worker')
      .reduce((sum, request) => sum + request.bytes, 0);

    await waitInstalled(page, requests);
    const firstVisit = bytesByType(requests.filter((request) => request.type !== 'service worker'));
    const serviceWorkerInstall = requests
      .filter((request) => request.type === 'service worker')
      .reduce((sum, request) => sum + request.bytes, 0);

    // Repeat visit: no network at all, still 4× CPU.
    await context.setOffline(true);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: 0,
      uploadThroughput: 0,
    });
    const countBefore = requests.length;
    await page.reload({ waitUntil: 'commit', timeout: USABLE_TIMEOUT_MS });
    const repeat = await waitUsable(page);
    await page.waitForTimeout(200);
    const repeatNetworkBytes = requests
      .slice(countBefore)
      .filter((request) => !request.fromServiceWorker && request.type !== 'service worker')
      .reduce((sum, request) => sum + request.bytes, 0);
    return {
      coldUsableMs: cold.usableAt,
      coldDomMs: cold.domAt,
      repeatOfflineUsableMs: repeat.usableAt,
      repeatOfflineDomMs: repeat.domAt,
      bytesUntilUsable,
      serviceWorkerBytesBeforeUsable,
      sharedLinkDelayBoundMs: (serviceWorkerBytesBeforeUsable / profile.downloadThroughput) * 1000,
      firstVisit,
      serviceWorkerInstallBytes: serviceWorkerInstall,
      repeatNetworkBytes,
      requestsUntilUsable: beforeUsable.length,
      requests: requests.map(({ url, type, bytes, encoding, fromServiceWorker }) => ({
        path: new URL(url).pathname,
        type,
        bytes,
        encoding,
        fromServiceWorker,
      })),
    };
  } finally {
    await context.close();
  }
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Builds the React 19 baseline and writes its precache list into its service worker. */
async function buildBaseline() {
  const outDir = await buildPage('react-baseline', {
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  });
  const files = walk(outDir)
    .map((file) => `/${relative(outDir, file)}`)
    .filter((path) => path !== '/sw.js');
  const swFile = join(outDir, 'sw.js');
  writeFileSync(
    swFile,
    readFileSync(swFile, 'utf8').replace(
      'const PRECACHE = [];',
      `const PRECACHE = ${JSON.stringify(files)};`,
    ),
  );
  precompress(outDir);
  return outDir;
}

export async function run({ smoke = false } = {}) {
  const runs = smoke ? 1 : Number(process.env.BENCH_RUNS ?? 3);
  const profiles = smoke ? [LIGHTHOUSE_SLOW_4G] : [DEVTOOLS_SLOW_3G, LIGHTHOUSE_SLOW_4G];
  const baselineDir = await buildBaseline();
  const ours = await startLastivkaServer();
  const baseline = await startStaticServer({ root: baselineDir });
  const apps = [
    { key: 'lastivka', name: 'Lastivka (Preact, built app)', url: ours.url },
    { key: 'react19', name: 'React 19 baseline (same first screen)', url: baseline.url },
  ];
  const browser = await launchChromium();
  const samples = [];
  try {
    for (const profile of profiles) {
      for (let runIndex = 0; runIndex < runs; runIndex++) {
        // Interleaved, so a slow moment of the machine does not land on one side only.
        for (const app of apps) {
          const sample = await measureOnce(browser, app, profile);
          samples.push({ app: app.key, profile: profile.name, run: runIndex, ...sample });
          if (!smoke) process.stdout.write('.');
        }
      }
    }
    if (!smoke) process.stdout.write('\n');
  } finally {
    await browser.close();
    await baseline.stop();
    await ours.stop();
    rmSync(baselineDir, { recursive: true, force: true });
  }

  const figures = {};
  const rows = [];
  const byteRows = [];
  for (const profile of profiles) {
    figures[profile.name] = {};
    for (const app of apps) {
      const mine = samples.filter((s) => s.app === app.key && s.profile === profile.name);
      const median = (pick) => summary(mine.map(pick)).median;
      const figure = {
        coldUsableMs: summary(mine.map((s) => s.coldUsableMs)),
        repeatOfflineUsableMs: summary(mine.map((s) => s.repeatOfflineUsableMs)),
        bytesUntilUsable: Object.fromEntries(
          Object.keys(mine[0].bytesUntilUsable).map((type) => [
            type,
            median((s) => s.bytesUntilUsable[type]),
          ]),
        ),
        firstVisitBytes: Object.fromEntries(
          Object.keys(mine[0].firstVisit).map((type) => [type, median((s) => s.firstVisit[type])]),
        ),
        serviceWorkerInstallBytes: median((s) => s.serviceWorkerInstallBytes),
        serviceWorkerBytesBeforeUsable: median((s) => s.serviceWorkerBytesBeforeUsable),
        sharedLinkDelayBoundMs: median((s) => s.sharedLinkDelayBoundMs),
        repeatNetworkBytes: median((s) => s.repeatNetworkBytes),
      };
      figures[profile.name][app.key] = figure;
      const judgedCold = profile === DEVTOOLS_SLOW_3G;
      rows.push({
        link: `${profile.name} + ${CPU_SLOWDOWN}× CPU`,
        app: app.name,
        'cold: form usable (ms)': formatSummary(figure.coldUsableMs),
        'target (cold)': judgedCold
          ? `${targetText('formUsableSlow3gMs')}: ${verdict('formUsableSlow3gMs', figure.coldUsableMs.median)}`
          : '',
        'SW bytes before usable (unthrottled)': formatBytes(figure.serviceWorkerBytesBeforeUsable),
        'if they shared the link: up to +ms': round(figure.sharedLinkDelayBoundMs),
        'repeat offline: usable (ms)': formatSummary(figure.repeatOfflineUsableMs),
        'target (repeat)': `${targetText('repeatOfflineMs')}: ${verdict('repeatOfflineMs', figure.repeatOfflineUsableMs.median)}`,
      });
      if (profile === profiles[0]) {
        const b = figure.bytesUntilUsable;
        byteRows.push({
          app: app.name,
          document: formatBytes(b.document),
          script: formatBytes(b.script),
          stylesheet: formatBytes(b.stylesheet),
          image: formatBytes(b.image),
          'fetch/xhr': formatBytes(b['fetch/xhr']),
          other: formatBytes(b.other),
          'until usable': formatBytes(b.total),
          'whole first visit (page)': formatBytes(figure.firstVisitBytes.total),
          'service-worker install': formatBytes(figure.serviceWorkerInstallBytes),
        });
      }
    }
  }
  console.log(
    `\nload — cold visit to ${FORM_PATH} (deep link) until its first input is visible and enabled, and the repeat visit offline; medians of ${runs} run(s) (min–max)`,
  );
  console.table(rows);
  console.log(
    `bytes received per resource type (${profiles[0].name}; headers + bodies as transferred, CDP encodedDataLength via Playwright)`,
  );
  console.table(byteRows);
  const slow = figures[profiles[0].name];
  return {
    formPath: FORM_PATH,
    usableMeans: 'first animation frame after the first form control is in the DOM, laid out and enabled',
    figures,
    headline: {
      profile: profiles[0].name,
      coldUsableMs: round(slow.lastivka.coldUsableMs.median),
      coldVerdict: verdict('formUsableSlow3gMs', slow.lastivka.coldUsableMs.median),
      repeatOfflineUsableMs: round(slow.lastivka.repeatOfflineUsableMs.median),
      repeatVerdict: verdict('repeatOfflineMs', slow.lastivka.repeatOfflineUsableMs.median),
      baselineColdUsableMs: round(slow.react19.coldUsableMs.median),
      baselineRepeatOfflineUsableMs: round(slow.react19.repeatOfflineUsableMs.median),
    },
    table: rows,
    bytesTable: byteRows,
    settings: {
      runs,
      profiles,
      cpuSlowdown: CPU_SLOWDOWN,
      notes: [
        'Network emulation is set on the page (its dedicated workers follow it, checked); the service worker is not throttled. Its precache downloads that start before the form is usable would share a real link: sharedLinkDelayBoundMs is their size at the profile throughput, an upper bound on the delay they would add.',
        'The React 19 baseline has no storage layer, validation library or message catalogue: the comparison favours it.',
      ],
    },
    samples,
  };
}
