import * as v from 'valibot';
import {
  birthDateSchema,
  GivenNameSchema,
  normalizeRnokpp,
  OptionalEmailSchema,
  PatronymicSchema,
  PhoneSchema,
  rnokppProblem,
  SurnameSchema,
} from '../validators';
import { choice, optionalFlag } from './choice';
import { crossFieldCheck } from './cross-field-check';

export const SEXES = ['male', 'female'] as const;

/** Name, tax number (or "I have none") and contacts: what every service asks of the applicant. */
export const personNameEntries = {
  surname: SurnameSchema,
  givenName: GivenNameSchema,
  patronymic: PatronymicSchema,
};

// The number is checked by rnokppRequiredUnlessNone, not here: a number typed before the person ticked
// "I have no RNOKPP" must not block the form.
export const rnokppEntries = {
  noRnokpp: optionalFlag,
  rnokpp: v.optional(v.string('rnokpp.required')),
};

export const contactEntries = {
  phone: PhoneSchema,
  email: OptionalEmailSchema,
};

export const birthEntries = {
  birthDate: birthDateSchema(),
  sex: choice(SEXES, 'sex'),
};

// Some people refused a taxpayer number for religious reasons (a passport mark replaces it): the number
// is required and checked only when the "I have no RNOKPP" box is not ticked.
export const rnokppRequiredUnlessNone = crossFieldCheck<{ noRnokpp?: unknown; rnokpp?: unknown }>(
  'rnokpp',
  (input) => {
    if (input.noRnokpp === true) return undefined;
    if (typeof input.rnokpp !== 'string' || input.rnokpp.trim() === '') return 'rnokpp.required';
    return rnokppProblem(input.rnokpp);
  },
);

/** Drops a number typed before the person ticked "I have no RNOKPP"; stores the number's one spelling. */
export function withoutRnokppWhenNone<T extends { noRnokpp?: boolean; rnokpp?: string | undefined }>(
  input: T,
): T {
  if (input.noRnokpp) return { ...input, rnokpp: undefined };
  return input.rnokpp === undefined ? input : { ...input, rnokpp: normalizeRnokpp(input.rnokpp) };
}
