// Bounds for one push. On a 400 ms link each batch costs a round trip, so batches are as large as a
// request can be while still finishing on a 2G link before it drops: 250 typical reports are about
// 50 KB gzipped (one second at 400 kbps); the byte bound cuts batches of unusually long records sooner.
export const PUSH_MAX_MUTATIONS = 250;
export const PUSH_MAX_BYTES = 512 * 1024;
export const PULL_MAX_LIMIT = 500;
export const PULL_DEFAULT_LIMIT = 100;
