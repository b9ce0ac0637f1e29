import { optionalTextField, requiredTextField, type TextFieldRules } from './text-field';

export const DATE_MESSAGE_KEYS = [
  'date.required',
  'date.format',
  'date.invalid',
  'date.future',
  'date.tooOld',
] as const;
export type DateMessage = (typeof DATE_MESSAGE_KEYS)[number];

export const EARLIEST_BIRTH_DATE = '1900-01-01';

// People type DD.MM.YYYY (one-digit day and month too); stored values are ISO YYYY-MM-DD and are accepted
// as input as well, so a saved record validates again unchanged.
const DISPLAY_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function isoParts(input: string): [string, string, string] | undefined {
  const text = input.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) return [iso[1]!, iso[2]!, iso[3]!];
  const display = DISPLAY_DATE.exec(text);
  if (display) return [display[3]!, display[2]!.padStart(2, '0'), display[1]!.padStart(2, '0')];
  return undefined;
}

/** `DD.MM.YYYY` (or ISO) to ISO `YYYY-MM-DD`; undefined unless it is a date that exists. */
export function toIsoDate(input: string): string | undefined {
  const parts = isoParts(input);
  if (!parts) return undefined;
  const iso = parts.join('-');
  return isRealIsoDate(iso) ? iso : undefined;
}

/** ISO `YYYY-MM-DD` to `DD.MM.YYYY`, the way dates are shown; anything else is returned as it was. */
export function formatDisplayDate(iso: string): string {
  const match = ISO_DATE.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/**
 * The date it already is somewhere on Earth (UTC+14). "Not in the future" is there to catch a mistyped
 * year; a stricter "today" would refuse a true date typed in Kyiv just after midnight and checked by a
 * server that runs in UTC, where it is still yesterday. It also needs no time-zone data.
 */
export function latestToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

export interface DateRules {
  /** Refuse dates after `today()`. */
  readonly notInFuture?: boolean;
  /** Refuse dates before this ISO date with 'date.tooOld'. */
  readonly notBefore?: string;
  /** ISO date of today; called at each check so a long-lived worker never uses a stale day. */
  readonly today?: () => string;
}

export function calendarDateProblem(input: string, rules: DateRules = {}): DateMessage | undefined {
  if (input.trim() === '') return 'date.required';
  const parts = isoParts(input);
  if (!parts) return 'date.format';
  const iso = toIsoDate(input);
  if (iso === undefined) return 'date.invalid';
  // ISO dates of four-digit years compare correctly as strings.
  if (rules.notInFuture && iso > (rules.today ?? latestToday)()) return 'date.future';
  if (rules.notBefore !== undefined && iso < rules.notBefore) return 'date.tooOld';
  return undefined;
}

export function calendarDateRules(rules: DateRules = {}): TextFieldRules<DateMessage> {
  return {
    required: 'date.required',
    problem: (input) => calendarDateProblem(input, rules),
    normalize: (input) => toIsoDate(input) ?? input,
  };
}

export interface TodayOption {
  readonly today?: () => string;
}

/** Any date that exists, e.g. a document's expiry date. */
export const CalendarDateSchema = requiredTextField(calendarDateRules());

/** A date that has already come, e.g. the date of the damage or of a move. */
export function pastDateSchema(options: TodayOption = {}) {
  return requiredTextField(calendarDateRules({ ...options, notInFuture: true }));
}

export function optionalPastDateSchema(options: TodayOption = {}) {
  return optionalTextField(calendarDateRules({ ...options, notInFuture: true }));
}

export function birthDateSchema(options: TodayOption = {}) {
  return requiredTextField(
    calendarDateRules({ ...options, notInFuture: true, notBefore: EARLIEST_BIRTH_DATE }),
  );
}
