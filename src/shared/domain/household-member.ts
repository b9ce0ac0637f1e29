import * as v from 'valibot';
import { choice, freeText, missingFieldMessage, optionalFlag } from './form-fields';
import { birthDateSchema, GivenNameSchema, PatronymicSchema, SurnameSchema } from './validators';

export const RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'other'] as const;

/** A household member is a child row with its own id, so two devices adding members never collide. */
export const HouseholdMemberSchema = v.object(
  {
    id: v.pipe(v.string(), v.uuid('household.invalid')),
    surname: SurnameSchema,
    givenName: GivenNameSchema,
    patronymic: PatronymicSchema,
    birthDate: birthDateSchema(),
    relationship: choice(RELATIONSHIPS, 'relationship'),
    documentType: v.optional(
      v.picklist(
        ['idCard', 'passportBooklet', 'foreignPassport', 'birthCertificate'],
        'documentType.required',
      ),
    ),
    documentNumber: freeText('documentNumber', 30, { optional: true }),
    hasDisability: optionalFlag,
  },
  missingFieldMessage,
);

export const HOUSEHOLD_MAX = 20;

export const HouseholdSchema = v.optional(
  v.pipe(v.array(HouseholdMemberSchema), v.maxLength(HOUSEHOLD_MAX, 'household.tooMany')),
  [],
);
