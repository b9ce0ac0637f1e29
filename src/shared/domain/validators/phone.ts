import { requiredTextField } from './text-field';

export const PHONE_MESSAGE_KEYS = ['phone.required', 'phone.format', 'phone.notMobile'] as const;
export type PhoneMessage = (typeof PHONE_MESSAGE_KEYS)[number];

export const MOBILE_OPERATOR_CODES = [
  '39',
  '50',
  '63',
  '66',
  '67',
  '68',
  '73',
  '75',
  '77',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
  '97',
  '98',
  '99',
] as const;

// The 9 national digits. The first is never 0 (0 is the trunk prefix people type in front of it), so a
// doubled prefix such as "+380 050…" is refused instead of stored as a landline.
const NATIONAL = '([1-9]\\d{8})';
// Every way people write a Ukrainian number once spaces, dashes, dots and brackets are gone: +380…, 380…,
// 80… (the old long-distance prefix 8) and 0….
const ACCEPTED = new RegExp(`^(?:\\+380|380|80|0)${NATIONAL}$`);

/** E.164 (`+380XXXXXXXXX`), or undefined when the input is not a Ukrainian number in an accepted style. */
export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-‐‑‒–—().]/g, '');
  const match = ACCEPTED.exec(compact);
  return match ? `+380${match[1]}` : undefined;
}

export function phoneProblem(input: string): PhoneMessage | undefined {
  if (input.trim() === '') return 'phone.required';
  return normalizePhone(input) === undefined ? 'phone.format' : undefined;
}

export function isValidPhone(input: string): boolean {
  return phoneProblem(input) === undefined;
}

export function isMobile(input: string): boolean {
  const phone = normalizePhone(input);
  return phone !== undefined && (MOBILE_OPERATOR_CODES as readonly string[]).includes(phone.slice(4, 6));
}

/** `+38 (0XX) XXX XX XX`; input that is not a valid number is returned as it was, so nothing typed is lost. */
export function formatPhoneForDisplay(input: string): string {
  const phone = normalizePhone(input);
  if (phone === undefined) return input;
  const national = phone.slice(4);
  return `+38 (0${national.slice(0, 2)}) ${national.slice(2, 5)} ${national.slice(5, 7)} ${national.slice(7)}`;
}

function normalizeValidPhone(input: string): string {
  return normalizePhone(input) ?? input;
}

export const PhoneSchema = requiredTextField({
  required: 'phone.required',
  problem: phoneProblem,
  normalize: normalizeValidPhone,
});

// For services that reach the person by SMS: a landline is a well-formed number but receives no SMS.
export const MobilePhoneSchema = requiredTextField({
  required: 'phone.required',
  problem: (input: string): PhoneMessage | undefined =>
    phoneProblem(input) ?? (isMobile(input) ? undefined : 'phone.notMobile'),
  normalize: normalizeValidPhone,
});
