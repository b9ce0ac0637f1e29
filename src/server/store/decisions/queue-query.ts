import { RECORD_STATUSES, type RecordStatus, SERVICES, type Service } from '../../../shared/domain';
import { InvalidCursorError } from './invalid-cursor';
import { scopeOblasts } from './staff-scope';

// The caseworker queue and CSV export, kept free of I/O: the filter as both stores read it, the
// keyset cursor, and the office-day date range.

/** The most items one queue page may hold. */
export const QUEUE_MAX_LIMIT = 200;
/** The most rows one export returns (newest first); `truncated` says when there were more. */
export const EXPORT_MAX_ROWS = 10_000;

/** Thrown for a filter value no route should have let through (an unknown status, a bad date). */
export class InvalidQueueFilterError extends Error {
  constructor(readonly field: string) {
    super(`queueFilter.invalid: ${field}`);
    this.name = 'InvalidQueueFilterError';
  }
}

/** A record's place in the queue: newest accepted first, ties broken by record id. */
export interface QueuePosition {
  readonly acceptedAt: string;
  readonly recordId: string;
}

/** The filter as a store turns it into SQL; every part is optional except the scope. */
export interface QueueWhere {
  /** Null: every oblast (and records in none). */
  readonly oblasts: readonly string[] | null;
  readonly service: Service | null;
  readonly status: RecordStatus | null;
  /** Inclusive lower bound on accepted_at, an ISO instant. */
  readonly acceptedFrom: string | null;
  /** Exclusive upper bound on accepted_at, an ISO instant. */
  readonly acceptedBefore: string | null;
  /** Only records strictly after this position in the queue's order. */
  readonly after: QueuePosition | null;
}

export interface QueueFilterInput {
  readonly oblasts: 'all' | readonly string[];
  readonly service?: Service | undefined;
  readonly status?: RecordStatus | undefined;
  /** First office day (YYYY-MM-DD, Kyiv time) on which the record was accepted. */
  readonly from?: string | undefined;
  /** Last office day (YYYY-MM-DD, Kyiv time), inclusive. */
  readonly to?: string | undefined;
}

export function queueWhere(filter: QueueFilterInput, after: string | undefined): QueueWhere {
  if (filter.service !== undefined && !SERVICES.includes(filter.service))
    throw new InvalidQueueFilterError('service');
  if (filter.status !== undefined && !RECORD_STATUSES.includes(filter.status))
    throw new InvalidQueueFilterError('status');
  return {
    oblasts: scopeOblasts(filter.oblasts),
    service: filter.service ?? null,
    status: filter.status ?? null,
    acceptedFrom: filter.from === undefined ? null : kyivDayStart(filter.from, 'from'),
    acceptedBefore: filter.to === undefined ? null : kyivDayStart(filter.to, 'to', 1),
    after: after === undefined || after === '' ? null : (decodeQueueCursor(after) ?? invalidCursor()),
  };
}

export function queueLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidQueueFilterError('limit');
  return Math.min(limit, QUEUE_MAX_LIMIT);
}

/** Opaque to callers; queueWhere throws InvalidCursorError for one this code did not make. */
export function encodeQueueCursor(position: QueuePosition): string {
  return Buffer.from(JSON.stringify([position.acceptedAt, position.recordId]), 'utf8').toString('base64url');
}

function invalidCursor(): never {
  throw new InvalidCursorError();
}

/** Null for anything encodeQueueCursor could not have produced. */
export function decodeQueueCursor(cursor: string): QueuePosition | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [acceptedAt, recordId] = parsed as unknown[];
  if (typeof acceptedAt !== 'string' || typeof recordId !== 'string' || recordId === '') return null;
  // Kept exactly as stored (SQLite compares the text), so only checked to be an instant.
  if (acceptedAt.length > 40 || Number.isNaN(Date.parse(acceptedAt))) return null;
  return { acceptedAt, recordId };
}

const KYIV = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Kyiv',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Kyiv's wall clock is ahead of UTC at this instant (+2 h in winter, +3 h in summer). */
function kyivOffsetMs(utcMs: number): number {
  const parts = Object.fromEntries(
    KYIV.formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - utcMs;
}

/**
 * The instant an office day begins in Kyiv, as an ISO string (`plusDays` 1 gives the next day's, the
 * exclusive end of `to`). Offices work in Kyiv time, so a record accepted at 00:30 on 3 March in Kyiv
 * (22:30 UTC on the 2nd) is a record of 3 March. DST changes at 03:00/04:00, never at midnight.
 */
export function kyivDayStart(date: string, field: string, plusDays = 0): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new InvalidQueueFilterError(field);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnight = Date.UTC(year, month - 1, day);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    throw new InvalidQueueFilterError(field);
  const wallMidnight = Date.UTC(year, month - 1, day + plusDays);
  const first = wallMidnight - kyivOffsetMs(wallMidnight);
  return new Date(wallMidnight - kyivOffsetMs(first)).toISOString();
}
