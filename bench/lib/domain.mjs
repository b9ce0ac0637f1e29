// The shared domain and protocol code (TypeScript), bundled once per run with esbuild so the benchmarks
// validate records and build push bodies with exactly the code the app and the server use.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

let loaded;

export async function loadDomain() {
  if (loaded) return loaded;
  const outfile = join(mkdtempSync(join(tmpdir(), 'lastivka-bench-domain-')), 'domain.mjs');
  await build({
    stdin: {
      contents: [
        "export * from './src/shared/domain';",
        "export * from './src/shared/protocol';",
        "export * from './src/shared/record';",
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  loaded = await import(pathToFileURL(outfile).href);
  return loaded;
}
