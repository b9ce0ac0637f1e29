import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  birthDateFromUnzr,
  isValidUnzr,
  normalizeUnzr,
  UnzrSchema,
  unzrMatchesBirthDate,
  unzrProblem,
} from '../../../src/shared/domain/validators/unzr';

// ICAO 9303: weights 7, 3, 1 repeating, sum mod 10.
function icaoCheckDigit(twelveDigits: string): string {
  let sum = 0;
  for (let index = 0; index < 12; index++) sum += Number(twelveDigits[index]) * [7, 3, 1][index % 3]!;
  return String(sum % 10);
}

const serial = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 })
  .map((d) => d.join(''));
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2050-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const randomValidUnzr = fc.tuple(isoDate, serial).map(([date, number]) => {
  const twelve = date.replaceAll('-', '') + number;
  return `${twelve.slice(0, 8)}-${number}${icaoCheckDigit(twelve)}`;
});

/** The published sample with its check digit replaced by each of the nine wrong ones. */
function wrongCheckDigits(unzr: string): string[] {
  return [...'0123456789'].filter((digit) => digit !== unzr[13]).map((digit) => unzr.slice(0, 13) + digit);
}

describe('UNZR vectors', () => {
  it.each([
    ['19910824-00026', '1991-08-24'],
    ['20000213-01467', '2000-02-13'],
  ])('%s is valid and encodes %s', (unzr, birthDate) => {
    expect(unzrProblem(unzr)).toBeUndefined();
    expect(birthDateFromUnzr(unzr)).toBe(birthDate);
    expect(unzrMatchesBirthDate(unzr, birthDate)).toBe(true);
  });

  it('the test oracle agrees with the samples', () => {
    expect(icaoCheckDigit('199108240002')).toBe('6');
    expect(icaoCheckDigit('200002130146')).toBe('7');
  });

  it.each([...wrongCheckDigits('19910824-00026'), ...wrongCheckDigits('20000213-01467')])(
    '%s has a wrong check digit',
    (unzr) => {
      expect(unzrProblem(unzr)).toBe('unzr.checksum');
    },
  );

  it.each([
    ['', 'unzr.required'],
    ['1991082400', 'unzr.format'],
    ['19910824-0002', 'unzr.format'],
    ['19910824-000266', 'unzr.format'],
    ['1991-08-24-00026', 'unzr.format'],
    ['1991O824-00026', 'unzr.format'],
    ['19910230-00026', 'unzr.date'],
    ['19911324-00026', 'unzr.date'],
    ['19910800-00026', 'unzr.date'],
  ])('%j → %s', (input, message) => {
    expect(unzrProblem(input)).toBe(message);
  });

  it('accepts the number typed without the hyphen, with spaces or with a dash, and stores the canonical form', () => {
    for (const typed of ['1991082400026', ' 19910824 00026 ', '19910824–00026']) {
      expect(normalizeUnzr(typed)).toBe('19910824-00026');
      expect(v.parse(UnzrSchema, typed)).toBe('19910824-00026');
    }
  });

  it('a different birth date does not match; nor does an invalid number', () => {
    expect(unzrMatchesBirthDate('19910824-00026', '1991-08-25')).toBe(false);
    expect(unzrMatchesBirthDate('19910824-00027', '1991-08-24')).toBe(false);
    expect(unzrMatchesBirthDate('19910824-00026', '24.08.1991')).toBe(false);
  });
});

describe('UNZR properties', () => {
  it('a real date, 4 digits and the computed check digit are valid and encode that date', () => {
    fc.assert(
      fc.property(randomValidUnzr, (unzr) => {
        expect(isValidUnzr(unzr)).toBe(true);
        const date = `${unzr.slice(0, 4)}-${unzr.slice(4, 6)}-${unzr.slice(6, 8)}`;
        expect(unzrMatchesBirthDate(unzr, date)).toBe(true);
      }),
    );
  });

  it('any single changed digit is caught', () => {
    fc.assert(
      fc.property(randomValidUnzr, fc.nat(12), fc.integer({ min: 1, max: 9 }), (unzr, pick, delta) => {
        const position = pick < 8 ? pick : pick + 1; // skip the hyphen
        const changed =
          unzr.slice(0, position) + String((Number(unzr[position]) + delta) % 10) + unzr.slice(position + 1);
        expect(isValidUnzr(changed)).toBe(false);
      }),
    );
  });
});
