// Summaries for benchmark samples. The JSON keeps the raw samples next to every summary.

/** Linear-interpolated percentile (the "R-7" definition spreadsheets use) of unsorted samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(samples) {
  return percentile(samples, 50);
}

/** Median with min and max: the shape every per-run figure is reported in. */
export function summary(samples) {
  if (samples.length === 0) return { median: null, min: null, max: null, runs: 0 };
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    runs: samples.length,
  };
}

export function round(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "1234 (1100–1400)": median with the range, for tables. */
export function formatSummary(s, digits = 0, unit = '') {
  if (!s || s.median === null) return 'n/a';
  const f = (value) => `${round(value, digits).toLocaleString('en-US')}${unit}`;
  return s.runs > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return 'n/a';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
