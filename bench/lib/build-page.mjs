// Builds a bench-only page (the sync page, the React baseline) with Vite's JS API into a temp dir.
import { join } from 'node:path';
import { build } from 'vite';
import { BENCH_DIR, tempDir } from './processes.mjs';

export async function buildPage(name, config = {}) {
  const outDir = tempDir(`${name}-build`);
  await build({
    root: join(BENCH_DIR, name),
    configFile: false,
    logLevel: 'warn',
    base: '/',
    ...config,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      ...config.build,
    },
  });
  return outDir;
}
