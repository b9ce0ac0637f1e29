// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each prints a table and
// writes bench/results/<name>.json with the figures, the date, the machine and the versions.
// `npm run bench -- --smoke [<name>]`: a few records, one run, results in bench/results/<name>.smoke.json
// (a check that each benchmark still works, cheap enough for CI; its figures mean nothing).
// Benchmarks never run inside `npm test`. A benchmark is `async (options) => ({ ...figures, samples })`.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { BUDGETS, formatSizeTable, measureSizes } from '../scripts/size-report.mjs';

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
    // Other work on the machine while the benchmark ran (1-minute load average, cores = cpus).
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

function versions() {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const pick = (name) => lock.packages[`node_modules/${name}`]?.version;
  return {
    preact: pick('preact'),
    dexie: pick('dexie'),
    vite: pick('vite'),
    'workbox-precaching': pick('workbox-precaching'),
    hono: pick('hono'),
    'better-sqlite3': pick('better-sqlite3'),
    pg: pick('pg'),
    '@playwright/test': pick('@playwright/test'),
    react: pick('react'),
    'react-dom': pick('react-dom'),
    'pouchdb-browser': pick('pouchdb-browser'),
    'express-pouchdb': pick('express-pouchdb'),
    autocannon: pick('autocannon'),
  };
}

function ensureBuilt() {
  if (existsSync('dist/client/index.html')) return;
  const build = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const benchmarks = {
  size() {
    ensureBuilt();
    const { figures, files } = measureSizes();
    console.log('\nsize — the built app against the budgets of DESIGN.md (gzip -9)');
    console.table(formatSizeTable(figures));
    return {
      figures,
      budgets: Object.fromEntries(Object.entries(BUDGETS).map(([key, value]) => [key, value.limit])),
      files,
    };
  },
};

// --- photo: 4000×3000 → stored JPEG, timed inside the data worker ---

const PHOTO_TARGETS = { bytes: 250 * 1024, workerMs: 1500 };
const PHOTO_COUNT = 5;
const CPU_THROTTLING_RATE = 4;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The built server on SQLite in a temporary directory, as tests/e2e/server-process.ts starts it. */
async function startAppServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'lastivka-bench-photo-'));
  const child = spawn('node', ['dist/server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: 'dist/client',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }).then(() => rmSync(dataDir, { recursive: true, force: true }));
  return { url, stop };
}

/** Runs in the page: paints distinct, photo-like 4000×3000 JPEGs (a phone camera's output size). */
async function paintCameraPhotos({ count, width, height }) {
  const photos = [];
  for (let seed = 1; seed <= count; seed++) {
    let state = seed;
    const random = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    const sky = context.createLinearGradient(0, 0, width, height);
    sky.addColorStop(0, `hsl(${Math.floor(random() * 360)} 40% 70%)`);
    sky.addColorStop(1, `hsl(${Math.floor(random() * 360)} 30% 30%)`);
    context.fillStyle = sky;
    context.fillRect(0, 0, width, height);
    for (let index = 0; index < 400; index++) {
      context.fillStyle = `hsl(${Math.floor(random() * 360)} ${20 + random() * 40}% ${20 + random() * 60}%)`;
      context.globalAlpha = 0.3 + random() * 0.7;
      const size = (random() * width) / 8;
      context.fillRect(random() * width, random() * height, size, size * random());
    }
    context.globalAlpha = 0.12;
    for (let index = 0; index < (width * height) / 40; index++) {
      context.fillStyle = random() < 0.5 ? '#000' : '#fff';
      context.fillRect(random() * width, random() * height, 2, 2);
    }
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    photos.push(new File([blob], `camera-${seed}.jpg`, { type: 'image/jpeg', lastModified: Date.now() }));
  }
  window.benchPhotos = photos;
  return photos.map((photo) => photo.size);
}

/**
 * Runs in the page: starts the built data worker and calls it with comlink's wire messages (the page
 * has no comlink of its own here), so the figures are the worker's own and no app UI is involved.
 */
async function attachInWorker({ workerUrl }) {
  const worker = new Worker(workerUrl, { type: 'module', name: 'lastivka-data' });
  const call = (method, ...args) =>
    new Promise((resolve, reject) => {
      const id = crypto.randomUUID();
      const listener = (event) => {
        if (event.data?.id !== id) return;
        worker.removeEventListener('message', listener);
        if (event.data.type === 'HANDLER') reject(new Error(JSON.stringify(event.data.value)));
        else resolve(event.data.value);
      };
      worker.addEventListener('message', listener);
      worker.postMessage({
        id,
        type: 'APPLY',
        path: [method],
        argumentList: args.map((value) => ({ type: 'RAW', value })),
      });
    });
  const draft = await call('saveDraft', { service: 'damageReport', data: {} });
  const samples = [];
  for (const photo of window.benchPhotos) {
    const started = performance.now();
    const added = await call('addPhoto', draft.id, photo);
    samples.push({
      inputBytes: photo.size,
      bytes: added.bytes,
      width: added.width,
      height: added.height,
      workerMs: added.shrinkMs,
      roundTripMs: performance.now() - started,
      duplicate: added.duplicate,
    });
  }
  worker.terminate();
  return samples;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
}

function photoVerdict(value, limit, unit) {
  return value <= limit ? 'met' : `OVER by ${unit(value - limit)}`;
}

async function photoBenchmark() {
  ensureBuilt();
  const worker = readdirSync('dist/client/assets').find((name) => /^data-worker-.*\.js$/.test(name));
  if (!worker) throw new Error('data worker chunk not found in dist/client/assets');
  if (!readdirSync('dist/client/assets').some((name) => name.startsWith('photo-service-'))) {
    throw new Error('the build in dist/ has no photo code: run `npm run build` first');
  }
  const { chromium } = await import('@playwright/test');
  const server = await startAppServer();
  // The same Chromium and flags as playwright.config.ts.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
  try {
    const page = await browser.newPage();
    // A same-origin page that does not start the app, so only the measured worker runs.
    await page.goto(`${server.url}/robots.txt`);
    const inputSizes = await page.evaluate(paintCameraPhotos, {
      count: PHOTO_COUNT,
      width: 4000,
      height: 3000,
    });
    const workerUrl = `/assets/${worker}`;
    // DevTools CPU throttling slows the page's and the worker's JavaScript, but JPEG decoding and
    // encoding run on Chromium's own image threads, which it does not reach: the unthrottled time × 4
    // is shown as well, as the conservative projection for a phone four times slower.
    const unthrottled = await page.evaluate(attachInWorker, { workerUrl });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING_RATE });
    const samples = await page.evaluate(attachInWorker, { workerUrl });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    console.log(
      `\nphoto — ${PHOTO_COUNT} distinct 4000×3000 JPEGs (${(stats(inputSizes).median / 1024 / 1024).toFixed(1)} MB median) ` +
        `shrunk in the data worker, CPU throttled ${CPU_THROTTLING_RATE}× (and once unthrottled)`,
    );
    console.table(
      samples.map((sample, index) => ({
        photo: index + 1,
        'in (KB)': Math.round(sample.inputBytes / 1024),
        'out (KB)': (sample.bytes / 1024).toFixed(1),
        size: `${sample.width}×${sample.height}`,
        [`worker ${CPU_THROTTLING_RATE}× (ms)`]: Math.round(sample.workerMs),
        'worker 1× (ms)': Math.round(unthrottled[index].workerMs),
        [`round trip ${CPU_THROTTLING_RATE}× (ms)`]: Math.round(sample.roundTripMs),
      })),
    );
    const bytes = stats(samples.map((sample) => sample.bytes));
    const workerMs = stats(samples.map((sample) => sample.workerMs));
    const projectedMs = stats(unthrottled.map((sample) => sample.workerMs * CPU_THROTTLING_RATE));
    const kb = (value) => `${(value / 1024).toFixed(1)} KB`;
    const ms = (value) => `${Math.round(value)} ms`;
    const row = (what, figures, limit, unit) => ({
      what,
      median: unit(figures.median),
      min: unit(figures.min),
      max: unit(figures.max),
      target: `≤ ${unit(limit)}`,
      verdict: photoVerdict(figures.max, limit, unit),
    });
    console.table([
      row('stored photo size', bytes, PHOTO_TARGETS.bytes, kb),
      row(`time in the worker, CDP ${CPU_THROTTLING_RATE}×`, workerMs, PHOTO_TARGETS.workerMs, ms),
      row(
        `time in the worker, 1× measured × ${CPU_THROTTLING_RATE}`,
        projectedMs,
        PHOTO_TARGETS.workerMs,
        ms,
      ),
    ]);
    return {
      cpuThrottlingRate: CPU_THROTTLING_RATE,
      input: { count: PHOTO_COUNT, width: 4000, height: 3000, bytes: inputSizes },
      targets: PHOTO_TARGETS,
      verdictOn: 'max of the samples',
      summary: { bytes, workerMs, projectedWorkerMs: projectedMs },
      samples,
      unthrottledSamples: unthrottled,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

benchmarks.photo = photoBenchmark;

// One line per benchmark module (bench/<name>.mjs), loaded only when it runs.
benchmarks.load = (options) => import('./load.mjs').then((module) => module.run(options));
benchmarks.save = (options) => import('./save.mjs').then((module) => module.run(options));
benchmarks.sync = (options) => import('./sync.mjs').then((module) => module.run(options));
benchmarks.server = (options) => import('./server.mjs').then((module) => module.run(options));

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const requested = args.filter((arg) => !arg.startsWith('--'));
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
const unknown = names.filter((name) => !benchmarks[name]);
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark "${unknown.join('", "')}". Available: ${Object.keys(benchmarks).join(', ')}`,
  );
  process.exit(2);
}
mkdirSync('bench/results', { recursive: true });
ensureBuilt();
const started = Date.now();
for (const name of names) {
  const benchmarkStarted = Date.now();
  const result = await benchmarks[name]({ smoke });
  const record = {
    name,
    date: new Date().toISOString(),
    machine: machine(),
    versions: versions(),
    smoke,
    durationSeconds: Math.round((Date.now() - benchmarkStarted) / 100) / 10,
    ...result,
  };
  const file = `bench/results/${name}${smoke ? '.smoke' : ''}.json`;
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`wrote ${file} (${record.durationSeconds} s)`);
}
console.log(
  `\n${names.length} benchmark(s) in ${Math.round((Date.now() - started) / 1000)} s${smoke ? ' (smoke)' : ''}`,
);
