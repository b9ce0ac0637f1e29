// Builds dist/server/main.js when it is missing or older than the code it bundles, so the fault
// suite and `npm run cluster` always run the server the sources describe (a stale bundle would
// speak an older protocol and every test would fail for the wrong reason).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_ENTRY = join(REPO_ROOT, 'dist/server/main.js');
const SOURCES = ['src/server', 'src/shared', 'scripts/build-server.mjs', 'package-lock.json'];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** @returns {boolean} whether a build ran */
export function ensureServerBuild() {
  const newestSource = Math.max(...SOURCES.map((path) => newestChange(join(REPO_ROOT, path))));
  if (existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs >= newestSource) return false;
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`node scripts/build-server.mjs failed (exit ${build.status})`);
  return true;
}
