import * as v from 'valibot';
import {
  documentNumberProblem,
  IDENTITY_DOCUMENT_TYPES,
  type IdentityDocumentType,
  normalizeDocumentNumber,
  normalizeUnzr,
  optionalPastDateSchema,
  optionalTextField,
  unzrMatchesBirthDate,
  unzrProblem,
} from '../validators';
import { choice } from './choice';
import { crossFieldCheck } from './cross-field-check';

/**
 * An identity document as three flat fields. The number is checked by the rule of the type the person
 * chose; the type and number are kept as typed until both are known, so changing the type never
 * throws the number away.
 */
export const documentEntries = {
  documentType: choice(IDENTITY_DOCUMENT_TYPES, 'documentType'),
  documentNumber: v.pipe(
    v.string('documentNumber.required'),
    v.trim(),
    v.nonEmpty('documentNumber.required'),
  ),
  documentIssuedOn: optionalPastDateSchema(),
};

export const documentNumberMatchesType = crossFieldCheck<{
  documentType?: unknown;
  documentNumber?: unknown;
}>('documentNumber', (input) => {
  if (typeof input.documentType !== 'string' || typeof input.documentNumber !== 'string') return undefined;
  if (!(IDENTITY_DOCUMENT_TYPES as readonly string[]).includes(input.documentType)) return undefined;
  if (input.documentNumber.trim() === '') return undefined;
  return documentNumberProblem(input.documentType as IdentityDocumentType, input.documentNumber);
});

export function normalizeDocumentFields<
  T extends { documentType: IdentityDocumentType; documentNumber: string },
>(input: T): T {
  return { ...input, documentNumber: normalizeDocumentNumber(input.documentType, input.documentNumber) };
}

/** The demographic register number, printed on ID cards only. */
export const unzrEntries = {
  unzr: optionalTextField({ required: 'unzr.required', problem: unzrProblem, normalize: normalizeUnzr }),
};

export const unzrRequiredForIdCard = crossFieldCheck<{
  documentType?: unknown;
  unzr?: unknown;
  birthDate?: unknown;
}>('unzr', (input) => {
  const unzr = typeof input.unzr === 'string' ? input.unzr.trim() : '';
  if (input.documentType === 'idCard' && unzr === '') return 'unzr.required';
  // The date part of the UNZR is the birth date in the register; a mismatch is a typo in one of them.
  if (unzr !== '' && unzrProblem(unzr) === undefined && typeof input.birthDate === 'string') {
    const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(input.birthDate)
      ? input.birthDate
      : dottedToIso(input.birthDate);
    if (birthDate && !unzrMatchesBirthDate(unzr, birthDate)) return 'unzr.birthDateMismatch';
  }
  return undefined;
});

function dottedToIso(value: string): string | undefined {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value.trim());
  return match ? `${match[3]}-${match[2]}-${match[1]}` : undefined;
}
