import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/local/sync/retry-delay';
import { parseRetryAfter } from '../../src/local/sync/sync-errors';

// From retry-delay.ts: base 2 s, doubling per attempt, capped at 5 minutes.
const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;

const attempt = fc.integer({ min: 0, max: 1_000 });
/** What Math.random returns: [0, 1). */
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const retryAfter = fc.option(fc.integer({ min: 0, max: 3_600 }), { nil: undefined });

function ceilingFor(n: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** n);
}

describe('retryDelayMs', () => {
  it('without Retry-After: a whole number of ms in [0, ceiling) and never above the cap', () => {
    fc.assert(
      fc.property(attempt, unit, (n, r) => {
        const delay = retryDelayMs(n, undefined, () => r);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceilingFor(n));
        expect(delay).toBeLessThanOrEqual(CAP_MS);
      }),
    );
  });

  it('never goes below Retry-After, and exceeds the cap only when Retry-After does', () => {
    fc.assert(
      fc.property(attempt, unit, retryAfter, (n, r, seconds) => {
        const delay = retryDelayMs(n, seconds, () => r);
        const floor = (seconds ?? 0) * 1000;
        expect(delay).toBeGreaterThanOrEqual(floor);
        expect(delay).toBeLessThanOrEqual(Math.max(CAP_MS, floor));
        // The server's wait is honoured exactly when the jitter would be shorter.
        if (Math.floor(r * ceilingFor(n)) <= floor) expect(delay).toBe(floor);
      }),
    );
  });

  it('is monotone in the attempt for the same random draw (the ceiling grows)', () => {
    fc.assert(
      fc.property(attempt, unit, retryAfter, (n, r, seconds) => {
        expect(retryDelayMs(n + 1, seconds, () => r)).toBeGreaterThanOrEqual(
          retryDelayMs(n, seconds, () => r),
        );
      }),
    );
  });

  it('the ceiling doubles per attempt from 2 s until the 5-minute cap', () => {
    const nearlyOne = () => 1 - Number.EPSILON;
    const ceilings = Array.from({ length: 12 }, (_, n) => retryDelayMs(n, undefined, nearlyOne) + 1);
    expect(ceilings).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000, 300_000,
    ]);
    expect(retryDelayMs(0, undefined, () => 0)).toBe(0);
  });

  it('spreads retries: different random draws give different delays (full jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => retryDelayMs(5, undefined, () => i / 50)));
    expect(delays.size).toBe(50);
  });

  it('treats a negative attempt like the first one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000, max: -1 }), unit, (n, r) => {
        expect(retryDelayMs(n, undefined, () => r)).toBe(retryDelayMs(0, undefined, () => r));
      }),
    );
  });

  it('uses Math.random by default and stays in range', () => {
    for (let n = 0; n < 20; n++) {
      const delay = retryDelayMs(n);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceilingFor(n));
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    const seconds = parseRetryAfter(inOneMinute)!;
    expect(seconds).toBeGreaterThan(55);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(parseRetryAfter(new Date(Date.now() - 60_000).toUTCString())).toBe(0);
  });
});
