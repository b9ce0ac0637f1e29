import * as v from 'valibot';
import { optionalPastDateSchema, type TodayOption } from './calendar-date';
import { requiredTextField, type TextFieldRules } from './text-field';
import { cyrillicCapitalsToLatin, latinCapitalsToCyrillic, UKRAINIAN_CAPITALS } from './ukrainian-alphabet';

export const IDENTITY_DOCUMENT_TYPES = [
  'idCard',
  'passportBooklet',
  'foreignPassport',
  'birthCertificate',
] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

export const IDENTITY_DOCUMENT_MESSAGE_KEYS = [
  'documentType.required',
  'documentNumber.required',
  'idCard.format',
  'passportBooklet.format',
  'passportBooklet.letters',
  'foreignPassport.format',
  'birthCertificate.format',
] as const;
export type IdentityDocumentMessage = (typeof IDENTITY_DOCUMENT_MESSAGE_KEYS)[number];

const SERIES_LETTER = `[${UKRAINIAN_CAPITALS}]`;
const BOOKLET = new RegExp(`^${SERIES_LETTER}{2}\\d{6}$`, 'u');
// Two letters of any alphabet and six digits: the shape is right, only the letters are not Ukrainian.
const BOOKLET_SHAPE = /^\p{L}{2}\d{6}$/u;
// Roman numerals 1–3999 written properly (IV, not IIII), so a stray letter in the series is caught.
const ROMAN = 'M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})';
const BIRTH_CERTIFICATE = new RegExp(`^(?=[IVXLCDM])${ROMAN}-${SERIES_LETTER}{2} \\d{6}$`, 'u');
// (unconfirmed) Certificates are copied by hand from paper: the hyphen and the space go missing, a № creeps
// in, and the series numeral is typed with Cyrillic І, Х, С, М. Any such spelling is rewritten to the
// canonical `I-КИ 123456` before it is checked. The Roman numeral is stored in Latin letters (it is a
// numeral, not a word), although our domain facts write the example with Cyrillic І: one spelling is what
// matters, and which one a register expects is also unconfirmed.
const BIRTH_CERTIFICATE_LENIENT = /^([IVXLCDMІХСМ]+)\s*[-‐‑‒–—]?\s*(\p{L}{2})\s*№?\s*(\d{6})$/u;

function compactCapitals(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function normalizeIdCardNumber(input: string): string {
  return input.replace(/\s+/g, '');
}

/** Capitals, no spaces, and Latin look-alikes (A B C E H I K M O P T X) turned into Cyrillic letters. */
export function normalizePassportBookletNumber(input: string): string {
  return latinCapitalsToCyrillic(compactCapitals(input));
}

// The mirror image of the booklet: a series typed on a Cyrillic layout (ЕК, ТТ) becomes Latin.
export function normalizeForeignPassportNumber(input: string): string {
  return cyrillicCapitalsToLatin(compactCapitals(input));
}

export function normalizeBirthCertificateNumber(input: string): string {
  const match = BIRTH_CERTIFICATE_LENIENT.exec(input.trim().toUpperCase());
  if (!match) return input.trim().toUpperCase();
  const series = cyrillicCapitalsToLatin(match[1]!);
  return `${series}-${latinCapitalsToCyrillic(match[2]!)} ${match[3]}`;
}

export function normalizeDocumentNumber(type: IdentityDocumentType, input: string): string {
  switch (type) {
    case 'idCard':
      return normalizeIdCardNumber(input);
    case 'passportBooklet':
      return normalizePassportBookletNumber(input);
    case 'foreignPassport':
      return normalizeForeignPassportNumber(input);
    case 'birthCertificate':
      return normalizeBirthCertificateNumber(input);
  }
}

function shapeProblem(type: IdentityDocumentType, number: string): IdentityDocumentMessage | undefined {
  switch (type) {
    case 'idCard':
      return /^\d{9}$/.test(number) ? undefined : 'idCard.format';
    case 'passportBooklet':
      if (BOOKLET.test(number)) return undefined;
      return BOOKLET_SHAPE.test(number) ? 'passportBooklet.letters' : 'passportBooklet.format';
    case 'foreignPassport':
      return /^[A-Z]{2}\d{6}$/.test(number) ? undefined : 'foreignPassport.format';
    case 'birthCertificate':
      return BIRTH_CERTIFICATE.test(number) ? undefined : 'birthCertificate.format';
  }
}

export function documentNumberProblem(
  type: IdentityDocumentType,
  input: string,
): IdentityDocumentMessage | undefined {
  if (input.trim() === '') return 'documentNumber.required';
  return shapeProblem(type, normalizeDocumentNumber(type, input));
}

export function isValidDocumentNumber(type: IdentityDocumentType, input: string): boolean {
  return documentNumberProblem(type, input) === undefined;
}

function numberRules(type: IdentityDocumentType): TextFieldRules<IdentityDocumentMessage> {
  return {
    required: 'documentNumber.required',
    problem: (input) => documentNumberProblem(type, input),
    normalize: (input) => normalizeDocumentNumber(type, input),
  };
}

export const IdCardNumberSchema = requiredTextField(numberRules('idCard'));
export const PassportBookletNumberSchema = requiredTextField(numberRules('passportBooklet'));
export const ForeignPassportNumberSchema = requiredTextField(numberRules('foreignPassport'));
export const BirthCertificateNumberSchema = requiredTextField(numberRules('birthCertificate'));

// One option per document type, so the number is checked by the rule of the type the person chose. A
// missing number is reported at `number` as 'documentNumber.required'; the date of issue is optional.
export function identityDocumentSchema(options: TodayOption = {}) {
  const issuedOn = optionalPastDateSchema(options);
  return v.variant(
    'type',
    [
      v.object(
        { type: v.literal('idCard'), number: IdCardNumberSchema, issuedOn },
        'documentNumber.required',
      ),
      v.object(
        { type: v.literal('passportBooklet'), number: PassportBookletNumberSchema, issuedOn },
        'documentNumber.required',
      ),
      v.object(
        { type: v.literal('foreignPassport'), number: ForeignPassportNumberSchema, issuedOn },
        'documentNumber.required',
      ),
      v.object(
        { type: v.literal('birthCertificate'), number: BirthCertificateNumberSchema, issuedOn },
        'documentNumber.required',
      ),
    ],
    'documentType.required',
  );
}

export const IdentityDocumentSchema = identityDocumentSchema();

export type IdentityDocument = v.InferOutput<typeof IdentityDocumentSchema>;
