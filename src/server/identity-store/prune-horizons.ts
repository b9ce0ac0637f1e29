const DAY_MS = 24 * 60 * 60 * 1000;

/** How long spent rows are kept after they stop mattering, for support questions ("I got no code"). */
export const PRUNE_HORIZONS = {
  otpCodesMs: DAY_MS,
  // Longer than the longest rate window, so pruning never resets a live counter.
  rateBucketsMs: 2 * DAY_MS,
  deadSessionsMs: 30 * DAY_MS,
  invitesMs: 30 * DAY_MS,
} as const;
