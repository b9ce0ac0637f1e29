import * as v from 'valibot';
import { requiredTextField } from './text-field';

// RNOKPP: the individual taxpayer number (реєстраційний номер облікової картки платника податків).
export const RNOKPP_MESSAGE_KEYS = [
  'rnokpp.required',
  'rnokpp.format',
  'rnokpp.allZeros',
  'rnokpp.checksum',
] as const;
export type RnokppMessage = (typeof RNOKPP_MESSAGE_KEYS)[number];

// Mismatches with the stated birth date or sex are only warnings: the tax service told banks not to refuse
// people over them.
export const RNOKPP_WARNING_KEYS = ['rnokpp.birthDateMismatch', 'rnokpp.sexMismatch'] as const;
export type RnokppWarning = (typeof RNOKPP_WARNING_KEYS)[number];

const WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7] as const;
const DAY_MS = 86_400_000;
// Digits 1–5 count days from this date, so 00001 is 1 January 1900.
const DAY_ZERO_UTC = Date.UTC(1899, 11, 31);

export function normalizeRnokpp(input: string): string {
  return input.replace(/\s+/g, '');
}

function checkDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < WEIGHTS.length; index++) sum += WEIGHTS[index]! * Number(digits[index]);
  // The first weight is negative, so the sum can be too; JavaScript's % would then give a negative remainder.
  const remainder = ((sum % 11) + 11) % 11;
  return remainder === 10 ? 0 : remainder;
}

export function rnokppProblem(input: string): RnokppMessage | undefined {
  const rnokpp = normalizeRnokpp(input);
  if (rnokpp === '') return 'rnokpp.required';
  if (!/^\d{10}$/.test(rnokpp)) return 'rnokpp.format';
  // All zeros passes the check-digit formula but is nobody's number.
  if (rnokpp === '0000000000') return 'rnokpp.allZeros';
  if (checkDigit(rnokpp) !== Number(rnokpp[9])) return 'rnokpp.checksum';
  return undefined;
}

export function isValidRnokpp(input: string): boolean {
  return rnokppProblem(input) === undefined;
}

/** ISO date `YYYY-MM-DD` encoded in digits 1–5; undefined when the input is not 10 digits or encodes day 0. */
export function birthDateFromRnokpp(input: string): string | undefined {
  const rnokpp = normalizeRnokpp(input);
  if (!/^\d{10}$/.test(rnokpp)) return undefined;
  const days = Number(rnokpp.slice(0, 5));
  if (days === 0) return undefined;
  return new Date(DAY_ZERO_UTC + days * DAY_MS).toISOString().slice(0, 10);
}

export function sexFromRnokpp(input: string): 'male' | 'female' | undefined {
  const rnokpp = normalizeRnokpp(input);
  if (!/^\d{10}$/.test(rnokpp)) return undefined;
  return Number(rnokpp[8]) % 2 === 1 ? 'male' : 'female';
}

export interface PersonFacts {
  /** ISO date `YYYY-MM-DD`. */
  readonly birthDate?: string | undefined;
  readonly sex?: 'male' | 'female' | undefined;
}

/**
 * Warnings (never errors) where a valid number disagrees with what the person stated. Facts the person has
 * not given yet are not compared; an invalid number yields no warnings because its error says enough.
 */
export function compareRnokppWithPerson(rnokpp: string, person: PersonFacts): RnokppWarning[] {
  if (!isValidRnokpp(rnokpp)) return [];
  const warnings: RnokppWarning[] = [];
  if (person.birthDate !== undefined && birthDateFromRnokpp(rnokpp) !== person.birthDate) {
    warnings.push('rnokpp.birthDateMismatch');
  }
  if (person.sex !== undefined && sexFromRnokpp(rnokpp) !== person.sex) warnings.push('rnokpp.sexMismatch');
  return warnings;
}

export const RnokppSchema = requiredTextField({
  required: 'rnokpp.required',
  problem: rnokppProblem,
  normalize: normalizeRnokpp,
});

// Some people refused a taxpayer number for religious reasons (a passport mark replaces it), so every form
// pairs the number with an "I have no RNOKPP" box. Ticking the box drops any number typed earlier: the
// object schema strips keys it does not know, so a stale number never reaches the record. An untouched box
// counts as unticked, so an empty form asks for the number ('rnokpp.required' at path `rnokpp`).
export const RnokppFieldSchema = v.variant(
  'hasNoRnokpp',
  [
    v.object({ hasNoRnokpp: v.literal(true) }),
    v.object({ hasNoRnokpp: v.optional(v.literal(false), false), rnokpp: RnokppSchema }, 'rnokpp.required'),
  ],
  'rnokpp.required',
);

export type RnokppField = v.InferOutput<typeof RnokppFieldSchema>;
