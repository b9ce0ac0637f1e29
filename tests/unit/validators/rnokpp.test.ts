import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  birthDateFromRnokpp,
  compareRnokppWithPerson,
  isValidRnokpp,
  RnokppFieldSchema,
  RnokppSchema,
  rnokppProblem,
  sexFromRnokpp,
} from '../../../src/shared/domain/validators/rnokpp';

// The rule from the domain facts, written out independently: weights -1 5 7 9 4 6 10 5 7, floor-mod 11,
// remainder 10 → 0. The published vectors below pin it down.
function remainderOf(nineDigits: string): number {
  const weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(nineDigits[index]), 0);
  return sum - 11 * Math.floor(sum / 11);
}

function withCheckDigit(nineDigits: string): string {
  return nineDigits + String(remainderOf(nineDigits) % 10);
}

const DAY_MS = 86_400_000;

function daysSince1899(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 31)) / DAY_MS;
}

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

const randomValidRnokpp = digits(9)
  .filter((nine) => nine !== '000000000')
  .map(withCheckDigit);

describe('RNOKPP vectors', () => {
  it.each([
    ['1759013776', '1948-02-28', 'male'],
    ['1941106083', '1953-02-22', 'female'],
    ['2182917600', '1959-10-07', 'female'],
    ['3451517675', '1994-07-01', 'male'],
  ] as const)('%s is valid, born %s, %s', (rnokpp, birthDate, sex) => {
    expect(rnokppProblem(rnokpp)).toBeUndefined();
    expect(birthDateFromRnokpp(rnokpp)).toBe(birthDate);
    expect(sexFromRnokpp(rnokpp)).toBe(sex);
    expect(compareRnokppWithPerson(rnokpp, { birthDate, sex })).toEqual([]);
  });

  it.each(['2215911880', '0000000017'])('%s is valid', (rnokpp) => {
    expect(isValidRnokpp(rnokpp)).toBe(true);
  });

  it('2182917600 gets check digit 0 from a remainder of 10', () => {
    expect(remainderOf('218291760')).toBe(10);
  });

  it('uses floor-mod: a negative weighted sum still yields the right check digit', () => {
    // Weighted sum -9: floor-mod 11 gives 2, JavaScript's % would give -9.
    expect(isValidRnokpp('9000000002')).toBe(true);
    for (const wrong of ['9000000000', '9000000009', '9000000001']) expect(isValidRnokpp(wrong)).toBe(false);
  });

  it.each([
    ['1759013770', 'rnokpp.checksum'],
    ['1234567891', 'rnokpp.checksum'],
    ['0000000000', 'rnokpp.allZeros'],
    ['', 'rnokpp.required'],
    ['   ', 'rnokpp.required'],
    ['175901377', 'rnokpp.format'],
    ['17590137761', 'rnokpp.format'],
    ['17590137a6', 'rnokpp.format'],
    ['1759-013776', 'rnokpp.format'],
  ] as const)('%j → %s', (input, message) => {
    expect(rnokppProblem(input)).toBe(message);
  });

  it('ignores spaces people type between digit groups', () => {
    expect(rnokppProblem(' 17590 13776 ')).toBeUndefined();
    expect(v.parse(RnokppSchema, ' 17590 13776 ')).toBe('1759013776');
  });
});

describe('RNOKPP properties', () => {
  it('9 random digits with the computed check digit are valid', () => {
    fc.assert(fc.property(randomValidRnokpp, (rnokpp) => isValidRnokpp(rnokpp)));
  });

  it('changing the check digit always makes it invalid', () => {
    fc.assert(
      fc.property(randomValidRnokpp, fc.integer({ min: 1, max: 9 }), (rnokpp, delta) => {
        const changed = rnokpp.slice(0, 9) + String((Number(rnokpp[9]) + delta) % 10);
        expect(rnokppProblem(changed)).toBe('rnokpp.checksum');
      }),
    );
  });

  // No weight is 0 mod 11, so a changed digit always changes the remainder; the one blind spot of the
  // scheme is "remainder 10 → 0": a number whose remainder moves between 0 and 10 keeps check digit 0.
  it('changing one of digits 1–9 makes it invalid, except across the 0/10 remainder blind spot', () => {
    fc.assert(
      fc.property(
        randomValidRnokpp,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (rnokpp, position, delta) => {
          const nine =
            rnokpp.slice(0, position) +
            String((Number(rnokpp[position]) + delta) % 10) +
            rnokpp.slice(position + 1, 9);
          const blindSpot = new Set([remainderOf(rnokpp.slice(0, 9)), remainderOf(nine)]);
          const undetectable = blindSpot.has(0) && blindSpot.has(10);
          expect(isValidRnokpp(nine + rnokpp[9])).toBe(undetectable && nine !== '000000000');
        },
      ),
    );
  });

  it('the blind spot is real: two numbers differing in one digit share check digit 0', () => {
    expect(isValidRnokpp('2182917600')).toBe(true);
    // 218291760 has remainder 10; find the single-digit change to remainder 0 and confirm both pass.
    const neighbours = [...Array(9).keys()].flatMap((position) =>
      [...Array(10).keys()].map(
        (digit) => `2182917600`.slice(0, position) + digit + `2182917600`.slice(position + 1),
      ),
    );
    const alsoValid = neighbours.filter((number) => number !== '2182917600' && isValidRnokpp(number));
    expect(alsoValid.length).toBeGreaterThan(0);
  });

  it('the birth date round-trips through digits 1–5 for any date 1900–2050', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2050-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        digits(4),
        (date, serial) => {
          const iso = date.toISOString().slice(0, 10);
          const rnokpp = withCheckDigit(String(daysSince1899(iso)).padStart(5, '0') + serial);
          expect(birthDateFromRnokpp(rnokpp)).toBe(iso);
          expect(compareRnokppWithPerson(rnokpp, { birthDate: iso })).toEqual([]);
        },
      ),
    );
  });

  it('00001 is 1 January 1900 and digit 9 decides the sex', () => {
    expect(birthDateFromRnokpp(withCheckDigit('000010000'))).toBe('1900-01-01');
    for (const digit of '13579') expect(sexFromRnokpp(withCheckDigit(`00001000${digit}`))).toBe('male');
    for (const digit of '02468') expect(sexFromRnokpp(withCheckDigit(`00001000${digit}`))).toBe('female');
  });
});

describe('compareRnokppWithPerson', () => {
  it('warns about a different birth date or sex, and compares only what was stated', () => {
    const rnokpp = '1759013776';
    expect(compareRnokppWithPerson(rnokpp, { birthDate: '1948-02-29', sex: 'male' })).toEqual([
      'rnokpp.birthDateMismatch',
    ]);
    expect(compareRnokppWithPerson(rnokpp, { sex: 'female' })).toEqual(['rnokpp.sexMismatch']);
    expect(compareRnokppWithPerson(rnokpp, { birthDate: '1948-02-27', sex: 'female' })).toEqual([
      'rnokpp.birthDateMismatch',
      'rnokpp.sexMismatch',
    ]);
    expect(compareRnokppWithPerson(rnokpp, {})).toEqual([]);
  });

  it('gives no warnings for an invalid number (its error is enough)', () => {
    expect(compareRnokppWithPerson('1759013770', { birthDate: '2000-01-01', sex: 'female' })).toEqual([]);
  });

  it('a mismatch is not an error: the schema still accepts the number', () => {
    expect(v.safeParse(RnokppSchema, '1941106083').success).toBe(true);
    expect(compareRnokppWithPerson('1941106083', { sex: 'male' })).toEqual(['rnokpp.sexMismatch']);
  });
});

describe('RnokppFieldSchema', () => {
  function result(input: unknown) {
    const parsed = v.safeParse(RnokppFieldSchema, input);
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
    ['box ticked', { hasNoRnokpp: true }, { hasNoRnokpp: true }],
    ['box ticked, stale number dropped', { hasNoRnokpp: true, rnokpp: '12' }, { hasNoRnokpp: true }],
    [
      'number given',
      { hasNoRnokpp: false, rnokpp: '1759013776' },
      { hasNoRnokpp: false, rnokpp: '1759013776' },
    ],
    ['number given, box untouched', { rnokpp: ' 1759013776 ' }, { hasNoRnokpp: false, rnokpp: '1759013776' }],
  ])('accepts: %s', (_, input, output) => {
    expect(result(input)).toEqual({ output });
  });

  it.each([
    ['neither', {}, 'rnokpp', 'rnokpp.required'],
    ['box unticked, no number', { hasNoRnokpp: false }, 'rnokpp', 'rnokpp.required'],
    ['box unticked, empty number', { hasNoRnokpp: false, rnokpp: '' }, 'rnokpp', 'rnokpp.required'],
    ['a wrong number', { rnokpp: '1759013770' }, 'rnokpp', 'rnokpp.checksum'],
    ['a short number', { rnokpp: '17590' }, 'rnokpp', 'rnokpp.format'],
    ['a box value that is not a boolean', { hasNoRnokpp: 'yes' }, 'hasNoRnokpp', 'rnokpp.required'],
  ])('refuses: %s', (_, input, path, message) => {
    expect(result(input)).toEqual({ issues: [[path, message]] });
  });

  it('works as a field inside a form schema', () => {
    const Form = v.object({ rnokpp: RnokppFieldSchema });
    const parsed = v.safeParse(Form, { rnokpp: {} });
    expect(parsed.success).toBe(false);
    expect(parsed.issues?.map((issue) => issue.message)).toEqual(['rnokpp.required']);
  });
});
