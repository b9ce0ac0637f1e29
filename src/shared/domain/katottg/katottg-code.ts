import * as v from 'valibot';

// A KATOTTH code: `UA` + 17 digits = oblast 2, raion 2, hromada 3, settlement 3, city district 2, then
// a 5-digit id. There is no check digit: a well-formed code is known only by looking it up.
export const KATOTTG_CODE = /^UA\d{17}$/;

export const KatottgCodeSchema = v.pipe(v.string('katottg.format'), v.regex(KATOTTG_CODE, 'katottg.format'));

export type KatottgLevel = 'oblast' | 'raion' | 'hromada' | 'settlement' | 'district';

/** Characters of a code that identify a unit at its level; everything in it below that level is zero. */
const PREFIX_LENGTH: Readonly<Record<KatottgLevel, number>> = {
  oblast: 4,
  raion: 6,
  hromada: 9,
  settlement: 12,
  district: 14,
};

/** `UA` + the 2 oblast digits: the key of the per-oblast data file an address belongs to. */
export function oblastPrefix(code: string): string {
  return code.slice(0, 4);
}

/**
 * The deepest non-zero part of the code. Read from the bottom up because the codifier skips levels:
 * Kyiv's districts (UA800000000001…) and Прип’ять (UA320000000001…) have zero raion and hromada parts.
 */
export function levelOf(code: string): KatottgLevel {
  if (code.slice(12, 14) !== '00') return 'district';
  if (code.slice(9, 12) !== '000') return 'settlement';
  if (code.slice(6, 9) !== '000') return 'hromada';
  if (code.slice(4, 6) !== '00') return 'raion';
  return 'oblast';
}

/**
 * The part of the code every unit inside this one shares (e.g. 'UA' + 7 digits for a hromada). In the
 * codifier a unit's code always starts with its parent's structural prefix, so "is X inside Y" is a
 * prefix test.
 */
export function structuralPrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[levelOf(code)]);
}

/** Whether `code` is `container` itself or lies inside it (a settlement in a hromada, a district in a city). */
export function isWithin(code: string, container: string): boolean {
  return code === container || code.startsWith(structuralPrefix(container));
}
