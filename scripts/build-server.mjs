// Bundles the API server into one ESM file that runs with plain `node dist/server/main.js`.
// npm packages stay external: better-sqlite3 (native, CJS) and pg are loaded by Node's own
// ESM-to-CJS interop from node_modules at run time, so no createRequire banner is needed.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
