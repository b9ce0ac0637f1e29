import { defineConfig } from 'vitest/config';

// The fault suite: real server processes killed with SIGKILL, a fault proxy, and the nginx cluster.
// Run with `npm run test:fault` (scripts/run-fault-tests.mjs checks PostgreSQL and nginx first).
export default defineConfig({
  test: {
    name: 'fault',
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/fault/**/*.test.ts'],
    environment: 'node',
    // One file at a time: each starts processes and measures under load; two at once on a 2-core
    // CI machine would make timings (and kill moments) meaningless.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
    // A fault test is never retried: a pass after a retry would hide exactly what it looks for.
    retry: 0,
  },
});
