import type { IdentityStore } from '../identity-store';
import { RateLimitedError } from './auth-errors';
import type { Clock } from './clock';
import { hmacHex } from './secret-hash';

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateRule extends RateLimit {
  /** What is limited, e.g. `otp.phone`. */
  readonly name: string;
  /** Whose count it is: a phone, an address, a device id, a login. Only its keyed hash is stored. */
  readonly subject: string;
}

export interface RateLimiter {
  /** Counts one hit on every rule; throws RateLimitedError (with the longest wait) if any is over its limit. */
  hit(rules: readonly RateRule[]): Promise<void>;
}

/**
 * Fixed windows counted in the identity store, so the limits hold across several API processes.
 * Every rule is counted even when another is already over: a refused request still costs, which
 * is what makes hammering pointless. Subjects are stored as keyed hashes because phones and IP
 * addresses are personal data and counters need only tell them apart.
 */
export function createRateLimiter(store: IdentityStore, secret: Uint8Array, clock: Clock): RateLimiter {
  return {
    async hit(rules) {
      const now = clock().getTime();
      let wait = 0;
      for (const rule of rules) {
        const windowMs = rule.windowSeconds * 1000;
        const windowStart = Math.floor(now / windowMs) * windowMs;
        const key = `${rule.name}:${hmacHex(secret, 'rate', rule.name, rule.subject).slice(0, 32)}`;
        const count = await store.hitRateBucket(key, new Date(windowStart));
        if (count > rule.limit) wait = Math.max(wait, (windowStart + windowMs - now) / 1000);
      }
      if (wait > 0) throw new RateLimitedError(wait);
    },
  };
}
