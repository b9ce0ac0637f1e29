import * as v from 'valibot';
import type { FieldPolicy } from '../merge/field-policy';
import {
  addressEntries,
  freeText,
  missingFieldMessage,
  optionalFlag,
  personNameEntries,
  rnokppEntries,
  rnokppRequiredUnlessNone,
  settlementInOblast,
  withoutRnokppWhenNone,
} from './form-fields';
import { HouseholdSchema } from './household-member';
import { birthDateSchema, IbanSchema, PhoneSchema } from './validators';

// The IDP living allowance application (CMU resolution 332), usually prefilled from the person's IDP
// registration so nothing is typed twice.
export const BenefitApplicationSchema = v.pipe(
  v.object(
    {
      ...personNameEntries,
      birthDate: birthDateSchema(),
      ...rnokppEntries,
      idpCertificateNumber: v.config(
        v.pipe(
          v.string('idpCertificateNumber.required'),
          v.trim(),
          v.nonEmpty('idpCertificateNumber.required'),
          v.regex(/^[0-9A-Za-zА-ЯІЇЄҐа-яіїєґ-]{4,24}$/, 'idpCertificateNumber.format'),
        ),
        { abortPipeEarly: true },
      ),
      ...addressEntries('reg'),
      ...addressEntries('act'),
      phone: PhoneSchema,
      applicantHasDisability: optionalFlag,
      household: HouseholdSchema,
      iban: IbanSchema,
      note: freeText('note', 1000, { optional: true }),
    },
    missingFieldMessage,
  ),
  rnokppRequiredUnlessNone,
  settlementInOblast('reg'),
  settlementInOblast('act'),
  v.transform((application) => withoutRnokppWhenNone(application)),
);

export type BenefitApplication = v.InferOutput<typeof BenefitApplicationSchema>;

/**
 * The account the money goes to changes only as an amendment the office reviews: a silently changed
 * IBAN is how benefit fraud works.
 */
export const BENEFIT_APPLICATION_POLICY: FieldPolicy = {
  owners: {
    phone: 'shared',
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
    'rnokpp',
    'noRnokpp',
    'idpCertificateNumber',
    'regOblast',
    'regSettlement',
    'iban',
  ],
};
