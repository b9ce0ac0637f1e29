// Bounds for one push. 100 damage reports of full length are about 250 KB of JSON before gzip; the
// byte bound keeps a single request short enough to finish on a 2G link before it drops.
export const PUSH_MAX_MUTATIONS = 100;
export const PUSH_MAX_BYTES = 512 * 1024;
export const PULL_MAX_LIMIT = 500;
export const PULL_DEFAULT_LIMIT = 100;
