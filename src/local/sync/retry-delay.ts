const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;

/**
 * "Full jitter" exponential backoff (AWS Architecture Blog, 2015): thousands of phones that lost the
 * same tower spread their retries instead of arriving together when it comes back. A server's
 * Retry-After is a floor, never shortened.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt));
  const jittered = Math.floor(random() * ceiling);
  const floor = retryAfterSeconds === undefined ? 0 : retryAfterSeconds * 1000;
  return Math.max(jittered, floor);
}
