import * as v from 'valibot';
import type { FieldPolicy } from '../merge/field-policy';
import {
  addressEntries,
  choice,
  contactEntries,
  decimalNumber,
  freeText,
  missingFieldMessage,
  multiChoice,
  optionalFlag,
  optionalNumber,
  personNameEntries,
  rnokppEntries,
  rnokppRequiredUnlessNone,
  settlementInOblast,
  withoutRnokppWhenNone,
} from './form-fields';
import { pastDateSchema } from './validators';

// The notice of damaged or destroyed property (CMU resolutions 380 and 624, law 2923-IX).
export const APPLICANT_ROLES = ['owner', 'coOwner', 'representative'] as const;
export const PROPERTY_TYPES = [
  'apartment',
  'house',
  'garden_house',
  'unfinished',
  'non_residential',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export const DAMAGE_CAUSES = ['hostilities', 'terrorAct', 'sabotage'] as const;
export const DAMAGE_STATUSES = ['damaged', 'destroyed'] as const;
export const DAMAGED_ELEMENTS = [
  'roof',
  'walls',
  'windows',
  'doors',
  'utilities',
  'interior',
  'other',
] as const;

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

// Messages are translation keys: the page shows them in the person's language, the server returns
// them as reasons a client can translate.
export const DamageReportSchema = v.pipe(
  v.object(
    {
      ...personNameEntries,
      ...rnokppEntries,
      ...contactEntries,
      applicantRole: choice(APPLICANT_ROLES, 'applicantRole'),
      propertyType: choice(PROPERTY_TYPES, 'propertyType'),
      ...addressEntries('prop'),
      registryNumber: freeText('registryNumber', 40, { optional: true }),
      area: decimalNumber('area', { min: 1, max: 100_000 }),
      eventDate: pastDateSchema(),
      cause: choice(DAMAGE_CAUSES, 'cause'),
      damageStatus: choice(DAMAGE_STATUSES, 'damageStatus'),
      damagedElements: multiChoice(DAMAGED_ELEMENTS, 'damagedElements'),
      description: freeText('description', DESCRIPTION_MAX, { min: DESCRIPTION_MIN }),
      locationConsent: optionalFlag,
      latitude: optionalNumber({ min: 44, max: 53 }, 'location.invalid'),
      longitude: optionalNumber({ min: 22, max: 41 }, 'location.invalid'),
      locationAccuracy: optionalNumber({ min: 0, max: 100_000 }, 'location.invalid'),
    },
    missingFieldMessage,
  ),
  rnokppRequiredUnlessNone,
  settlementInOblast('prop'),
  v.transform((report) => withoutRnokppWhenNone(report)),
);

export type DamageReport = v.InferOutput<typeof DamageReportSchema>;

/**
 * The office may correct contact details, the street address and the description; what was damaged,
 * where and when is the applicant's statement and, once submitted, changes only as an amendment.
 */
export const DAMAGE_REPORT_POLICY: FieldPolicy = {
  owners: {
    phone: 'shared',
    email: 'shared',
    propStreet: 'shared',
    propBuilding: 'shared',
    propApartment: 'shared',
    propPostCode: 'shared',
    registryNumber: 'shared',
    area: 'shared',
    description: 'shared',
  },
  defaultOwner: 'citizen',
  frozenAfterSubmit: [
    'surname',
    'givenName',
    'patronymic',
    'rnokpp',
    'noRnokpp',
    'applicantRole',
    'propertyType',
    'propOblast',
    'propSettlement',
    'eventDate',
    'cause',
    'damageStatus',
  ],
};
