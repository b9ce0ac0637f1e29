import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  documentNumberProblem,
  IdentityDocumentSchema,
  type IdentityDocumentType,
  identityDocumentSchema,
  normalizeDocumentNumber,
  normalizeForeignPassportNumber,
  normalizePassportBookletNumber,
} from '../../../src/shared/domain/validators/identity-document';

const UKRAINIAN_CAPITALS = [...'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ'];
// Cyrillic capital → the Latin capital that looks the same (the domain facts' list A B C E H I K M O P T X).
const LOOK_ALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
};

const sixDigits = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 })
  .map((d) => d.join(''));

type Spelling = 'as is' | 'small' | 'latin' | 'latin small';
const spelling = fc.constantFrom<Spelling>('as is', 'small', 'latin', 'latin small');

function spell(letter: string, how: Spelling): string {
  const latin = LOOK_ALIKES[letter];
  if (how === 'small') return letter.toLowerCase();
  if (how === 'latin' && latin) return latin;
  if (how === 'latin small' && latin) return latin.toLowerCase();
  return letter;
}

function problem(type: IdentityDocumentType, number: string) {
  return documentNumberProblem(type, number);
}

describe('ID card', () => {
  it.each(['000000001', '123456789', ' 123 456 789 '])('%j is valid', (number) => {
    expect(problem('idCard', number)).toBeUndefined();
  });

  it.each([
    ['', 'documentNumber.required'],
    ['12345678', 'idCard.format'],
    ['1234567890', 'idCard.format'],
    ['12345678O', 'idCard.format'],
    ['КВ123456', 'idCard.format'],
  ])('%j → %s', (number, message) => {
    expect(problem('idCard', number)).toBe(message);
  });
});

describe('booklet passport', () => {
  it.each([
    ['КВ123456', 'КВ123456'],
    ['кв 123456', 'КВ123456'],
    ['ГҐ000001', 'ГҐ000001'],
    ['ЄЇ654321', 'ЄЇ654321'],
    ['ЬЮ111111', 'ЬЮ111111'],
    ['KB123456', 'КВ123456'],
    ['Me 123456', 'МЕ123456'],
    ['ІI123456', 'ІІ123456'],
    ['AX 12 34 56', 'АХ123456'],
  ])('%j is valid, stored as %s', (number, stored) => {
    expect(problem('passportBooklet', number)).toBeUndefined();
    expect(normalizePassportBookletNumber(number)).toBe(stored);
  });

  it.each([
    ['ЪЫ123456', 'passportBooklet.letters'],
    ['КЭ123456', 'passportBooklet.letters'],
    ['ЁЖ123456', 'passportBooklet.letters'],
    ['КЫ123456', 'passportBooklet.letters'],
    ['KD123456', 'passportBooklet.letters'],
    ['К123456', 'passportBooklet.format'],
    ['КВ12345', 'passportBooklet.format'],
    ['КВ1234567', 'passportBooklet.format'],
    ['КВС123456', 'passportBooklet.format'],
    ['123456КВ', 'passportBooklet.format'],
    ['К-В123456', 'passportBooklet.format'],
  ])('%j → %s', (number, message) => {
    expect(problem('passportBooklet', number)).toBe(message);
  });

  it('Latin look-alikes, small letters and spaces normalise to the Cyrillic series', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UKRAINIAN_CAPITALS),
        fc.constantFrom(...UKRAINIAN_CAPITALS),
        spelling,
        spelling,
        sixDigits,
        fc.constantFrom('', ' ', '  '),
        (first, second, firstSpelling, secondSpelling, digits, gap) => {
          const typed = `${spell(first, firstSpelling)}${spell(second, secondSpelling)}${gap}${digits}`;
          expect(normalizePassportBookletNumber(typed)).toBe(`${first}${second}${digits}`);
          expect(problem('passportBooklet', typed)).toBeUndefined();
        },
      ),
    );
  });
});

describe('foreign passport', () => {
  it.each([
    ['FA123456', 'FA123456'],
    ['ek 123456', 'EK123456'],
    ['ЕК123456', 'EK123456'],
    ['тт123456', 'TT123456'],
  ])('%j is valid, stored as %s', (number, stored) => {
    expect(problem('foreignPassport', number)).toBeUndefined();
    expect(normalizeForeignPassportNumber(number)).toBe(stored);
  });

  it.each([
    ['FA12345', 'foreignPassport.format'],
    ['F1234567', 'foreignPassport.format'],
    ['ЖК123456', 'foreignPassport.format'],
    ['FAB123456', 'foreignPassport.format'],
    ['', 'documentNumber.required'],
  ])('%j → %s', (number, message) => {
    expect(problem('foreignPassport', number)).toBe(message);
  });
});

describe('birth certificate', () => {
  it.each([
    ['I-КИ 123456', 'I-КИ 123456'],
    ['І-КИ 123456', 'I-КИ 123456'],
    ['і-ки 123456', 'I-КИ 123456'],
    ['I-КИ123456', 'I-КИ 123456'],
    ['ІІ-БК 000001', 'II-БК 000001'],
    ['IV-ЛВ 654321', 'IV-ЛВ 654321'],
    ['ХІІ-ОД 111111', 'XII-ОД 111111'],
    ['XIV-ЮЯ 222222', 'XIV-ЮЯ 222222'],
    // The lenient forms (unconfirmed): missing hyphen, extra spaces, №, an en dash, Latin look-alikes.
    ['ІКИ123456', 'I-КИ 123456'],
    ['І КИ 123456', 'I-КИ 123456'],
    ['І - КИ № 123456', 'I-КИ 123456'],
    ['І–КИ 123456', 'I-КИ 123456'],
    ['I-KI 123456', 'I-КІ 123456'],
  ])('%j is valid, stored as %s', (number, stored) => {
    expect(problem('birthCertificate', number)).toBeUndefined();
    expect(normalizeDocumentNumber('birthCertificate', number)).toBe(stored);
  });

  it.each([
    ['IIII-КИ 123456', 'birthCertificate.format'],
    ['IIV-КИ 123456', 'birthCertificate.format'],
    ['A-КИ 123456', 'birthCertificate.format'],
    ['1-КИ 123456', 'birthCertificate.format'],
    ['-КИ 123456', 'birthCertificate.format'],
    ['I-К 123456', 'birthCertificate.format'],
    ['I-КИЯ 123456', 'birthCertificate.format'],
    ['I-КЫ 123456', 'birthCertificate.format'],
    ['I-КИ 12345', 'birthCertificate.format'],
    ['I-КИ 1234567', 'birthCertificate.format'],
    ['КИ 123456', 'birthCertificate.format'],
    ['', 'documentNumber.required'],
  ])('%j → %s', (number, message) => {
    expect(problem('birthCertificate', number)).toBe(message);
  });

  it('normalising is idempotent', () => {
    for (const typed of ['ІКИ123456', 'і-ки 123456', 'junk', 'IIII-КИ 123456']) {
      const once = normalizeDocumentNumber('birthCertificate', typed);
      expect(normalizeDocumentNumber('birthCertificate', once)).toBe(once);
    }
  });
});

describe('IdentityDocumentSchema', () => {
  function result(input: unknown) {
    const parsed = v.safeParse(IdentityDocumentSchema, input);
    return parsed.success
      ? { output: parsed.output }
      : {
          issues: parsed.issues.map((issue) => [
            issue.path?.map((item) => item.key).join('.'),
            issue.message,
          ]),
        };
  }

  it.each([
    [
      { type: 'idCard', number: '123 456 789' },
      { type: 'idCard', number: '123456789', issuedOn: undefined },
    ],
    [
      { type: 'passportBooklet', number: 'kb 123456', issuedOn: '05.03.2001' },
      { type: 'passportBooklet', number: 'КВ123456', issuedOn: '2001-03-05' },
    ],
    [
      { type: 'foreignPassport', number: 'fa123456', issuedOn: '' },
      { type: 'foreignPassport', number: 'FA123456', issuedOn: undefined },
    ],
    [
      { type: 'birthCertificate', number: 'І-КИ 123456', issuedOn: '2015-06-30' },
      { type: 'birthCertificate', number: 'I-КИ 123456', issuedOn: '2015-06-30' },
    ],
  ])('accepts %j', (input, output) => {
    expect(result(input)).toEqual({ output });
  });

  it.each([
    [{}, 'type', 'documentType.required'],
    [{ type: 'driverLicence', number: '123' }, 'type', 'documentType.required'],
    [{ type: 'idCard' }, 'number', 'documentNumber.required'],
    [{ type: 'idCard', number: '  ' }, 'number', 'documentNumber.required'],
    [{ type: 'idCard', number: 'КВ123456' }, 'number', 'idCard.format'],
    [{ type: 'passportBooklet', number: '123456789' }, 'number', 'passportBooklet.format'],
    [{ type: 'passportBooklet', number: 'ЫЫ123456' }, 'number', 'passportBooklet.letters'],
    [{ type: 'foreignPassport', number: 'ГД123456' }, 'number', 'foreignPassport.format'],
    [{ type: 'birthCertificate', number: '123456789' }, 'number', 'birthCertificate.format'],
    [{ type: 'idCard', number: '123456789', issuedOn: '31.02.2020' }, 'issuedOn', 'date.invalid'],
    [{ type: 'idCard', number: '123456789', issuedOn: '2020/01/01' }, 'issuedOn', 'date.format'],
  ])('refuses %j at %s with %s', (input, path, message) => {
    expect(result(input)).toEqual({ issues: [[path, message]] });
  });

  it('refuses a date of issue after today', () => {
    const schema = identityDocumentSchema({ today: () => '2024-05-10' });
    expect(v.safeParse(schema, { type: 'idCard', number: '123456789', issuedOn: '10.05.2024' }).success).toBe(
      true,
    );
    expect(
      v
        .safeParse(schema, { type: 'idCard', number: '123456789', issuedOn: '11.05.2024' })
        .issues?.map((i) => i.message),
    ).toEqual(['date.future']);
  });
});
