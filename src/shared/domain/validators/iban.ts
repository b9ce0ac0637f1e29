import { requiredTextField } from './text-field';

export const IBAN_MESSAGE_KEYS = ['iban.required', 'iban.format', 'iban.country', 'iban.checksum'] as const;
export type IbanMessage = (typeof IBAN_MESSAGE_KEYS)[number];

// Ukrainian IBAN: UA, 2 check digits, 6-digit bank code (MFO), 19-character account: 29 characters.
const UKRAINIAN_IBAN = /^UA\d{8}[0-9A-Z]{19}$/;

/** Spaces (including the non-breaking ones banking apps copy) removed, letters in capitals. */
export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

// ISO 7064 mod 97-10 over the number made by moving the first four characters to the end and writing each
// letter as two digits (A = 10 … Z = 35). Reducing digit by digit keeps every step a small integer.
function mod97(iban: string): number {
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(char, 36);
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder;
}

export function ibanProblem(input: string): IbanMessage | undefined {
  const iban = normalizeIban(input);
  if (iban === '') return 'iban.required';
  // A foreign IBAN may be well-formed; saying it is the wrong country is more useful than "wrong format".
  if (/^[A-Z]{2}\d{2}/.test(iban) && !iban.startsWith('UA')) return 'iban.country';
  if (!UKRAINIAN_IBAN.test(iban)) return 'iban.format';
  if (mod97(iban) !== 1) return 'iban.checksum';
  return undefined;
}

export function isValidIban(input: string): boolean {
  return ibanProblem(input) === undefined;
}

/** Groups of four for display, e.g. `UA90 3052 9929 9000 4149 1234 5678 9`. */
export function formatIbanGroups(input: string): string {
  return normalizeIban(input).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The bank code (MFO), characters 5–10; undefined when the input is not shaped like a Ukrainian IBAN. */
export function bankCodeFromIban(input: string): string | undefined {
  const iban = normalizeIban(input);
  return UKRAINIAN_IBAN.test(iban) ? iban.slice(4, 10) : undefined;
}

export const IbanSchema = requiredTextField({
  required: 'iban.required',
  problem: ibanProblem,
  normalize: normalizeIban,
});
