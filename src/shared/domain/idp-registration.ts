import * as v from 'valibot';
import type { FieldPolicy } from '../merge/field-policy';
import {
  addressEntries,
  birthEntries,
  choice,
  contactEntries,
  crossFieldCheck,
  documentEntries,
  documentNumberMatchesType,
  freeText,
  missingFieldMessage,
  mustBeTicked,
  normalizeDocumentFields,
  optionalFlag,
  personNameEntries,
  rnokppEntries,
  rnokppRequiredUnlessNone,
  settlementInOblast,
  unzrEntries,
  unzrRequiredForIdCard,
  withoutRnokppWhenNone,
} from './form-fields';
import { HouseholdSchema } from './household-member';

// Registration of an internally displaced person (law 1706-VII, CMU resolution 509).
export const CITIZENSHIPS = ['UA', 'other'] as const;
export const DISPLACEMENT_REASONS = [
  'armedConflict',
  'occupation',
  'violence',
  'humanRights',
  'emergency',
] as const;

export const IdpRegistrationSchema = v.pipe(
  v.object(
    {
      ...personNameEntries,
      ...birthEntries,
      birthPlace: freeText('birthPlace', 200),
      citizenship: choice(CITIZENSHIPS, 'citizenship'),
      citizenshipOther: freeText('citizenshipOther', 100, { optional: true }),
      ...documentEntries,
      ...rnokppEntries,
      ...unzrEntries,
      ...addressEntries('reg'),
      regNoMark: optionalFlag,
      regProof: freeText('regProof', 500, { optional: true }),
      ...addressEntries('act'),
      displacementReason: choice(DISPLACEMENT_REASONS, 'displacementReason'),
      ...contactEntries,
      household: HouseholdSchema,
      dutiesAccepted: mustBeTicked('dutiesAccepted'),
    },
    missingFieldMessage,
  ),
  rnokppRequiredUnlessNone,
  documentNumberMatchesType,
  unzrRequiredForIdCard,
  settlementInOblast('reg'),
  settlementInOblast('act'),
  crossFieldCheck<{ citizenship?: unknown; citizenshipOther?: unknown }>('citizenshipOther', (input) =>
    input.citizenship === 'other' &&
    !(typeof input.citizenshipOther === 'string' && input.citizenshipOther.trim())
      ? 'citizenshipOther.required'
      : undefined,
  ),
  // Without a registration mark in the document, the place left must be shown some other way.
  crossFieldCheck<{ regNoMark?: unknown; regProof?: unknown }>('regProof', (input) =>
    input.regNoMark === true && !(typeof input.regProof === 'string' && input.regProof.trim())
      ? 'regProof.required'
      : undefined,
  ),
  v.transform((registration) => normalizeDocumentFields(withoutRnokppWhenNone(registration))),
);

export type IdpRegistration = v.InferOutput<typeof IdpRegistrationSchema>;

/** Contacts and the current address are kept up to date by both sides; identity changes are amendments. */
export const IDP_REGISTRATION_POLICY: FieldPolicy = {
  owners: {
    phone: 'shared',
    email: 'shared',
    actStreet: 'shared',
    actBuilding: 'shared',
    actApartment: 'shared',
    actPostCode: 'shared',
  },
  defaultOwner: 'citizen',
  frozenAfterSubmit: [
    'surname',
    'givenName',
    'patronymic',
    'birthDate',
    'sex',
    'birthPlace',
    'citizenship',
    'documentType',
    'documentNumber',
    'rnokpp',
    'noRnokpp',
    'unzr',
    'regOblast',
    'regSettlement',
    'regStreet',
    'regBuilding',
    'regApartment',
    'displacementReason',
  ],
};
