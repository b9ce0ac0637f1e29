import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  bankCodeFromIban,
  formatIbanGroups,
  IbanSchema,
  ibanProblem,
  isValidIban,
  normalizeIban,
} from '../../../src/shared/domain/validators/iban';

// ISO 13616 check digits computed the textbook way with BigInt, independently of the chunked implementation.
function checkDigits(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`].map((char) => Number.parseInt(char, 36)).join('');
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
}

const digitString = (length: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((d) => d.join(''));
// Ukrainian accounts are digits in practice, but the IBAN structure allows letters; both must work.
const accountString = fc
  .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 19, maxLength: 19 })
  .map((d) => d.join(''));

const randomValidIban = fc
  .tuple(digitString(6), fc.oneof(digitString(19), accountString))
  .map(([bank, account]) => `UA${checkDigits('UA', bank + account)}${bank}${account}`);

/** Random spaces (including non-breaking) between characters and random lower case. */
function messUp(iban: string, spaces: readonly number[], lower: readonly boolean[]): string {
  return [...iban]
    .map((char, index) => {
      const cased = lower[index % lower.length] ? char.toLowerCase() : char;
      const space = [' ', '', '\u00a0', '  ', ''][spaces[index % spaces.length]! % 5];
      return cased + space;
    })
    .join('');
}

describe('IBAN vectors', () => {
  it.each(['UA903052992990004149123456789', 'UA213223130000026007233566001'])('%s is valid', (iban) => {
    expect(ibanProblem(iban)).toBeUndefined();
    expect(isValidIban(iban)).toBe(true);
  });

  it('the test oracle agrees with the published vectors', () => {
    expect(checkDigits('UA', '3052992990004149123456789')).toBe('90');
    expect(checkDigits('UA', '3223130000026007233566001')).toBe('21');
  });

  it.each([
    ['UA123', 'iban.format'],
    ['UA903052992990004149123456788', 'iban.checksum'],
    ['', 'iban.required'],
    [' \u00a0 ', 'iban.required'],
    ['DE89370400440532013000', 'iban.country'],
    ['PL61109010140000071219812874', 'iban.country'],
    ['UA9030529929900041491234567890', 'iban.format'],
    ['UA90305299299000414912345678', 'iban.format'],
    ['UA9030529929900041491234567-9', 'iban.format'],
    ['UAXX3052992990004149123456789', 'iban.format'],
    ['UA90A052992990004149123456789', 'iban.format'],
    ['3052992990004149123456789', 'iban.format'],
  ])('%j → %s', (input, message) => {
    expect(ibanProblem(input)).toBe(message);
    expect(isValidIban(input)).toBe(false);
  });

  it('groups by four for display and reads the bank code', () => {
    expect(formatIbanGroups('UA903052992990004149123456789')).toBe('UA90 3052 9929 9000 4149 1234 5678 9');
    expect(formatIbanGroups('ua21 3223 1300 0002 6007 2335 6600 1')).toBe(
      'UA21 3223 1300 0002 6007 2335 6600 1',
    );
    expect(bankCodeFromIban('UA903052992990004149123456789')).toBe('305299');
    expect(bankCodeFromIban('UA21 3223 1300 0002 6007 2335 6600 1')).toBe('322313');
    expect(bankCodeFromIban('UA123')).toBeUndefined();
  });

  it('the schema stores the compact upper-case form', () => {
    expect(v.parse(IbanSchema, ' ua90 3052 9929 9000 4149 1234 5678 9 ')).toBe(
      'UA903052992990004149123456789',
    );
    expect(v.safeParse(IbanSchema, 'UA903052992990004149123456788').issues?.map((i) => i.message)).toEqual([
      'iban.checksum',
    ]);
  });
});

describe('IBAN properties', () => {
  it('random IBANs with computed check digits are valid, however spaced and cased', () => {
    fc.assert(
      fc.property(
        randomValidIban,
        fc.array(fc.nat(), { minLength: 1, maxLength: 29 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 29 }),
        (iban, spaces, lower) => {
          const typed = messUp(iban, spaces, lower);
          expect(ibanProblem(typed)).toBeUndefined();
          expect(normalizeIban(typed)).toBe(iban);
          expect(v.parse(IbanSchema, typed)).toBe(iban);
        },
      ),
    );
  });

  it('display groups normalise back to the same IBAN', () => {
    fc.assert(fc.property(randomValidIban, (iban) => normalizeIban(formatIbanGroups(iban)) === iban));
  });

  it('any single changed digit (check digits included) is caught', () => {
    fc.assert(
      fc.property(randomValidIban, fc.nat(), fc.integer({ min: 1, max: 9 }), (iban, pick, delta) => {
        const positions = [...iban].flatMap((char, index) => (index >= 2 && /\d/.test(char) ? [index] : []));
        const position = positions[pick % positions.length]!;
        const changed =
          iban.slice(0, position) + String((Number(iban[position]) + delta) % 10) + iban.slice(position + 1);
        expect(ibanProblem(changed)).toBe('iban.checksum');
      }),
    );
  });

  it('a correct foreign IBAN is refused as the wrong country', () => {
    fc.assert(
      fc.property(digitString(18), (bban) => {
        expect(ibanProblem(`DE${checkDigits('DE', bban)}${bban}`)).toBe('iban.country');
      }),
    );
  });
});
