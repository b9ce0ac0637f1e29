// One compiler run per runtime: each tsconfig gives its folder only the globals that exist where it runs,
// so a DOM call in shared/server code or a Node call in browser code fails here.
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'local', 'worker', 'sw', 'client', 'staff', 'server', 'tests'];
let failed = false;
for (const name of projects) {
  const result = spawnSync('npx', ['tsc', '-p', `tsconfig.${name}.json`], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck failed: tsconfig.${name}.json`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
