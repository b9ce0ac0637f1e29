// Targets from /work/shared/DESIGN.md "Budgets". Printed next to each figure with "met" or the gap; a
// missed target is a finding to report, never a reason to change the number here.

export const TARGETS = {
  formUsableSlow3gMs: {
    label: 'form usable, DevTools Slow 3G + 4× CPU, cold',
    limit: 5000,
    kind: 'max',
    unit: 'ms',
  },
  repeatOfflineMs: { label: 'repeat visit, offline, 4× CPU: usable', limit: 1000, kind: 'max', unit: 'ms' },
  saveP95Ms: { label: 'tap "next"/"save" → saved, 4× CPU, p95', limit: 100, kind: 'max', unit: 'ms' },
  syncRecordsPerSecond: { label: 'sync on 400 kbps / 400 ms', limit: 100, kind: 'min', unit: 'records/s' },
  syncBytesPerRecord: {
    label: 'sync on 400 kbps / 400 ms, on the wire',
    limit: 200,
    kind: 'max',
    unit: 'B/record',
  },
  serverRecordsPerCoreSecond: {
    label: 'server ingest (SQLite, batches of 100)',
    limit: 5000,
    kind: 'min',
    unit: 'records/s per core',
  },
};

/** "met" or the gap to the target, e.g. "missed by 1,200 ms (+24%)". */
export function verdict(targetKey, value) {
  const target = TARGETS[targetKey];
  if (value === null || value === undefined || Number.isNaN(value)) return 'not measured';
  const ok = target.kind === 'max' ? value <= target.limit : value >= target.limit;
  if (ok) return 'met';
  const gap = Math.abs(value - target.limit);
  const percent = Math.round((gap / target.limit) * 100);
  const shown = gap >= 100 ? Math.round(gap).toLocaleString('en-US') : gap.toFixed(1);
  return `missed by ${shown} ${target.unit} (${target.kind === 'max' ? '+' : '−'}${percent}%)`;
}

export function targetText(targetKey) {
  const target = TARGETS[targetKey];
  return `${target.kind === 'max' ? '≤' : '≥'} ${target.limit.toLocaleString('en-US')} ${target.unit}`;
}
