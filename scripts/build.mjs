// Builds the citizen app (Vite + service worker), the server bundle, and .br/.gz siblings of every
// text asset so the server sends pre-compressed bytes without spending CPU per request.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// The address data is generated from reference-data/ and committed; a stale copy fails the build.
run('node', ['scripts/build-katottg.mjs', '--check']);
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'vite.staff.config.ts', '--logLevel', 'warn']);
run('node', ['scripts/build-server.mjs']);

const compressible = /\.(js|mjs|css|html|webmanifest|svg|txt|json)$/;
let count = 0;
for (const file of walk('dist/client')) {
  if (!compressible.test(file)) continue;
  const source = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(source, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength },
    }),
  );
  count++;
}
writeFileSync('dist/build-stamp.json', JSON.stringify({ builtAt: new Date().toISOString() }));
console.log(`Built dist/client and dist/server; pre-compressed ${count} files.`);
