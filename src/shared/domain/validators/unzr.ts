import { isRealIsoDate } from './calendar-date';
import { requiredTextField } from './text-field';

// UNZR: the record number in the Unified State Demographic Register, printed on ID cards.
export const UNZR_MESSAGE_KEYS = [
  'unzr.required',
  'unzr.format',
  'unzr.date',
  'unzr.checksum',
  'unzr.birthDateMismatch',
] as const;
export type UnzrMessage = (typeof UNZR_MESSAGE_KEYS)[number];

const UNZR = /^(\d{4})(\d{2})(\d{2})-(\d{4})(\d)$/;
const ICAO_WEIGHTS = [7, 3, 1] as const;

/** Spaces removed, any dash made a hyphen, and the hyphen put back when 13 digits were typed without it. */
export function normalizeUnzr(input: string): string {
  const compact = input.replace(/\s+/g, '').replace(/[‐‑‒–—]/g, '-');
  return /^\d{13}$/.test(compact) ? `${compact.slice(0, 8)}-${compact.slice(8)}` : compact;
}

// ICAO 9303 check digit (as in passport machine-readable zones) over the 8 date and 4 serial digits.
function checkDigit(twelveDigits: string): number {
  let sum = 0;
  for (let index = 0; index < twelveDigits.length; index++) {
    sum += Number(twelveDigits[index]) * ICAO_WEIGHTS[index % 3]!;
  }
  return sum % 10;
}

export function unzrProblem(input: string): UnzrMessage | undefined {
  const unzr = normalizeUnzr(input);
  if (unzr === '') return 'unzr.required';
  const match = UNZR.exec(unzr);
  if (!match) return 'unzr.format';
  if (!isRealIsoDate(`${match[1]}-${match[2]}-${match[3]}`)) return 'unzr.date';
  if (checkDigit(unzr.slice(0, 8) + match[4]!) !== Number(match[5])) return 'unzr.checksum';
  return undefined;
}

export function isValidUnzr(input: string): boolean {
  return unzrProblem(input) === undefined;
}

/** ISO date `YYYY-MM-DD` of the date part; undefined when the input is not a valid UNZR. */
export function birthDateFromUnzr(input: string): string | undefined {
  const unzr = normalizeUnzr(input);
  if (!isValidUnzr(unzr)) return undefined;
  return `${unzr.slice(0, 4)}-${unzr.slice(4, 6)}-${unzr.slice(6, 8)}`;
}

// The register writes the birth date into the number itself, so unlike the RNOKPP a mismatch is an error
// ('unzr.birthDateMismatch'): either the number or the birth date was typed wrong.
export function unzrMatchesBirthDate(unzr: string, birthDate: string): boolean {
  const encoded = birthDateFromUnzr(unzr);
  return encoded !== undefined && encoded === birthDate;
}

export const UnzrSchema = requiredTextField({
  required: 'unzr.required',
  problem: unzrProblem,
  normalize: normalizeUnzr,
});
