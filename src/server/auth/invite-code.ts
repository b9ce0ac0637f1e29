import { randomInt } from 'node:crypto';

// Crockford base32: no I, L, O or U, so a code read aloud or copied from paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_CODE_LENGTH = 10;

/** 10 characters, 50 bits: far beyond guessing within the redeem limit and the 72-hour life. */
export function newInviteCode(): string {
  let code = '';
  for (let index = 0; index < INVITE_CODE_LENGTH; index++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * The canonical form of what a person typed: upper case, spaces and dashes gone, and the letters
 * Crockford maps to digits (I, L → 1; O → 0). Undefined when it cannot be a code.
 */
export function normalizeInviteCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== INVITE_CODE_LENGTH) return undefined;
  for (const char of compact) if (!ALPHABET.includes(char)) return undefined;
  return compact;
}
