// Measures the built app against the size budgets of DESIGN.md. Used by the size check in `npm test`
// (fails over budget) and by `npm run bench` (prints the figures with their headroom).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = {
  mainThreadJs: { label: 'main-thread JS on first load (gzip)', limit: 25 * 1024 },
  firstLoadJs: { label: 'all first-load JS incl. worker (gzip)', limit: 60 * 1024 },
  serviceWorker: { label: 'service worker (gzip)', limit: 12 * 1024 },
  firstInstall: { label: 'whole first install: HTML+CSS+JS+icons (gzip)', limit: 150 * 1024 },
};

function gzipSize(file) {
  return gzipSync(readFileSync(file), { level: 9 }).byteLength;
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Static imports of a built chunk (`from"./x.js"` / `import"./x.js"`), so the first-load graph is followed. */
function staticImports(file) {
  const code = readFileSync(file, 'utf8');
  const found = new Set();
  for (const match of code.matchAll(/(?:from|import)\s*["'`](\.\/[^"'`]+\.js)["'`]/g)) found.add(match[1]);
  return [...found].map((path) => join(file, '..', path));
}

function closure(entries) {
  const seen = new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return [...seen];
}

export function measureSizes(distDir = 'dist/client') {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entryScripts = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => join(distDir, m[1]));
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) =>
    join(distDir, m[1]),
  );
  if (entryScripts.length === 0)
    throw new Error(`no entry script found in ${distDir}/index.html — build first`);
  const mainFiles = closure([...entryScripts, ...preloads]);
  const workerEntries = walk(join(distDir, 'assets')).filter((file) => /data-worker-[^/]+\.js$/.test(file));
  if (workerEntries.length === 0) throw new Error('data worker chunk not found in the build');
  const workerFiles = closure(workerEntries).filter((file) => !mainFiles.includes(file));
  const css = walk(join(distDir, 'assets')).filter((file) => file.endsWith('.css'));
  const icons = walk(join(distDir, 'icons'));
  const sw = join(distDir, 'sw.js');
  // The first install is everything the service worker precaches (lazy chunks too, so every form works
  // offline), plus the service worker itself.
  const precached = [...readFileSync(sw, 'utf8').matchAll(/"url":"([^"]+)"/g)].map((m) =>
    join(distDir, m[1]),
  );
  if (precached.length === 0) throw new Error('no precache manifest found in sw.js');
  const installFiles = [...new Set([...precached, ...css, ...icons, sw])];

  const sum = (files) => files.reduce((total, file) => total + gzipSize(file), 0);
  const listSizes = (files) => files.map((file) => ({ file: relative(distDir, file), gzip: gzipSize(file) }));
  const figures = {
    mainThreadJs: sum(mainFiles),
    firstLoadJs: sum(mainFiles) + sum(workerFiles),
    serviceWorker: gzipSize(sw),
    firstInstall: sum(installFiles),
  };
  return {
    figures,
    files: { main: listSizes(mainFiles), worker: listSizes(workerFiles), serviceWorker: listSizes([sw]) },
  };
}

export function formatSizeTable(figures) {
  const rows = Object.entries(BUDGETS).map(([key, budget]) => {
    const value = figures[key];
    const headroom = budget.limit - value;
    return {
      what: budget.label,
      actual: `${(value / 1024).toFixed(1)} KB`,
      budget: `${(budget.limit / 1024).toFixed(0)} KB`,
      verdict:
        headroom >= 0
          ? `met (${(headroom / 1024).toFixed(1)} KB headroom)`
          : `OVER by ${(-headroom / 1024).toFixed(1)} KB`,
    };
  });
  return rows;
}
