// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each prints a table and
// writes bench/results/<name>.json with the figures, the date, the machine and the versions.
// Benchmarks never run inside `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { BUDGETS, formatSizeTable, measureSizes } from '../scripts/size-report.mjs';

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
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

const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
mkdirSync('bench/results', { recursive: true });
for (const name of names) {
  const run = benchmarks[name];
  if (!run) {
    console.error(`Unknown benchmark "${name}". Available: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  const result = run();
  const record = {
    name,
    date: new Date().toISOString(),
    machine: machine(),
    versions: versions(),
    ...result,
  };
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`wrote bench/results/${name}.json`);
}
