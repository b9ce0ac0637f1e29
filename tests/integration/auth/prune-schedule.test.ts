import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PruneResult } from '../../../src/server/identity-store';
import { scheduleIdentityPrune } from '../../../src/server/identity-store';
import type { Log } from '../../../src/server/log';

const NOTHING: PruneResult = { otpCodes: 0, rateBuckets: 0, sessions: 0, invites: 0 };

function recordingLog() {
  const lines: { level: string; event: string; fields?: object }[] = [];
  const log: Log = {
    info: (event, fields) => lines.push({ level: 'info', event, fields }),
    warn: (event, fields) => lines.push({ level: 'warn', event, fields }),
    error: (event, fields) => lines.push({ level: 'error', event, fields }),
  };
  return { log, lines };
}

describe('scheduleIdentityPrune', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes at start and every hour until stopped, logging only what was removed', async () => {
    vi.useFakeTimers();
    const results = [NOTHING, { ...NOTHING, sessions: 3, otpCodes: 7 }];
    const pruneExpired = vi.fn(async () => results.shift() ?? NOTHING);
    const { log, lines } = recordingLog();
    const schedule = scheduleIdentityPrune({ pruneExpired }, log);
    await vi.advanceTimersByTimeAsync(0);
    expect(pruneExpired).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([]);

    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(pruneExpired).toHaveBeenCalledTimes(2);
    expect(lines).toEqual([
      { level: 'info', event: 'identity.pruned', fields: { ...NOTHING, sessions: 3, otpCodes: 7 } },
    ]);

    schedule.stop();
    await vi.advanceTimersByTimeAsync(3 * 60 * 60 * 1000);
    expect(pruneExpired).toHaveBeenCalledTimes(2);
  });

  it('logs a failure and keeps its schedule', async () => {
    vi.useFakeTimers();
    const pruneExpired = vi
      .fn<() => Promise<PruneResult>>()
      .mockRejectedValueOnce(new Error('database is locked'))
      .mockResolvedValue(NOTHING);
    const { log, lines } = recordingLog();
    const schedule = scheduleIdentityPrune({ pruneExpired }, log);
    await vi.advanceTimersByTimeAsync(0);
    expect(lines).toEqual([
      { level: 'error', event: 'identity.pruneFailed', fields: { message: 'database is locked' } },
    ]);
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(pruneExpired).toHaveBeenCalledTimes(2);
    schedule.stop();
  });
});
