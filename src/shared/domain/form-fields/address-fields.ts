import * as v from 'valibot';
import { KATOTTG_CODE, oblastPrefix } from '../katottg/katottg-code';
import { OBLAST_CODES } from '../oblasts';
import { PostCodeSchema } from '../validators';
import { choice, freeText } from './choice';
import { crossFieldCheck } from './cross-field-check';

export type AddressPrefix = 'prop' | 'reg' | 'act';

/**
 * An address as the registers keep it: the KATOTTH code of the settlement (picked from the codifier, so
 * it is never misspelt) plus street, building, apartment and post code. Field names carry a prefix
 * because a form may hold several addresses (registered and actual).
 */
export function addressEntries(prefix: AddressPrefix) {
  return {
    [`${prefix}Oblast`]: choice(OBLAST_CODES, 'oblast'),
    [`${prefix}Settlement`]: v.pipe(
      v.string('settlement.required'),
      v.regex(KATOTTG_CODE, 'settlement.required'),
    ),
    [`${prefix}Street`]: freeText('street', 200),
    [`${prefix}Building`]: freeText('building', 20),
    [`${prefix}Apartment`]: freeText('apartment', 20, { optional: true }),
    [`${prefix}PostCode`]: PostCodeSchema,
  } as const;
}

export function addressPaths(prefix: AddressPrefix): string[] {
  return ['Oblast', 'Settlement', 'Street', 'Building', 'Apartment', 'PostCode'].map(
    (part) => `${prefix}${part}`,
  );
}

/** The settlement must lie in the chosen oblast (a stale pick after changing the oblast is caught). */
export function settlementInOblast(prefix: AddressPrefix) {
  return crossFieldCheck<Record<string, unknown>>(`${prefix}Settlement`, (input) => {
    const oblast = input[`${prefix}Oblast`];
    const settlement = input[`${prefix}Settlement`];
    if (typeof oblast !== 'string' || typeof settlement !== 'string' || !KATOTTG_CODE.test(settlement))
      return undefined;
    return oblastPrefix(settlement) === oblastPrefix(oblast) ? undefined : 'settlement.wrongOblast';
  });
}
