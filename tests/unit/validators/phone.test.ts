import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  formatPhoneForDisplay,
  isMobile,
  isValidPhone,
  MobilePhoneSchema,
  normalizePhone,
  PhoneSchema,
  phoneProblem,
} from '../../../src/shared/domain/validators/phone';

const OPERATOR_CODES = [
  '39',
  '50',
  '63',
  '66',
  '67',
  '68',
  '73',
  '75',
  '77',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
  '97',
  '98',
  '99',
];

const sevenDigits = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 })
  .map((d) => d.join(''));
const mobileE164 = fc
  .tuple(fc.constantFrom(...OPERATOR_CODES), sevenDigits)
  .map(([code, rest]) => `+380${code}${rest}`);
// Landlines: 9 national digits not starting with 0 and not with a mobile operator code.
const landlineE164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 }), sevenDigits)
  .map(([a, b, rest]) => `${a}${b}${rest}`)
  .filter((national) => !OPERATOR_CODES.includes(national.slice(0, 2)))
  .map((national) => `+380${national}`);

const PREFIXES = ['+380', '380', '80', '0'] as const;
const SEPARATORS = ['', '', '', ' ', '  ', '-', '(', ')', ' (', ') ', '\u00a0', '–'] as const;

/** The number in one accepted style, with random separators after any character. */
const typedForm = (e164: fc.Arbitrary<string>) =>
  fc
    .tuple(
      e164,
      fc.constantFrom(...PREFIXES),
      fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 20 }),
    )
    .map(([phone, prefix, separators]) => {
      const typed = [...(prefix + phone.slice(4))]
        .map((char, index) => char + separators[index % separators.length]!)
        .join('');
      return { phone, typed };
    });

describe('phone vectors', () => {
  it.each([
    ['+380501234567', '+380501234567'],
    ['380501234567', '+380501234567'],
    ['80501234567', '+380501234567'],
    ['0501234567', '+380501234567'],
    ['050 123 45 67', '+380501234567'],
    ['(050) 123-45-67', '+380501234567'],
    ['+38 (050) 123-45-67', '+380501234567'],
    ['8 (050) 123 45 67', '+380501234567'],
    ['+38 (044) 123 45 67', '+380441234567'],
    ['0 44 234 56 78', '+380442345678'],
    ['  +380 39 000 00 00 ', '+380390000000'],
  ])('%j → %s', (typed, e164) => {
    expect(normalizePhone(typed)).toBe(e164);
    expect(v.parse(PhoneSchema, typed)).toBe(e164);
  });

  it.each([
    ['', 'phone.required'],
    ['  ', 'phone.required'],
    ['501234567', 'phone.format'],
    ['+501234567', 'phone.format'],
    ['+38050123456', 'phone.format'],
    ['+3805012345678', 'phone.format'],
    ['+3800501234567', 'phone.format'],
    ['+380 050 123 45 67', 'phone.format'],
    ['00380501234567', 'phone.format'],
    ['+381501234567', 'phone.format'],
    ['+48501234567', 'phone.format'],
    ['050 123 45 6x', 'phone.format'],
    ['050/123/45/67', 'phone.format'],
    ['+ +380501234567', 'phone.format'],
    ['380+501234567', 'phone.format'],
  ])('%j → %s', (typed, message) => {
    expect(phoneProblem(typed)).toBe(message);
    expect(normalizePhone(typed)).toBeUndefined();
  });

  it.each(OPERATOR_CODES)('operator code %s is mobile', (code) => {
    expect(isMobile(`0${code}1234567`)).toBe(true);
  });

  it.each(['+380441234567', '+380322000000', '+380562000000', '+380512000000', '+380401234567'])(
    '%s is a landline: valid but not mobile',
    (phone) => {
      expect(isValidPhone(phone)).toBe(true);
      expect(isMobile(phone)).toBe(false);
      expect(v.safeParse(MobilePhoneSchema, phone).issues?.map((issue) => issue.message)).toEqual([
        'phone.notMobile',
      ]);
    },
  );

  it('shows numbers with the +38 (0XX) XXX XX XX mask and leaves unrecognised input as typed', () => {
    expect(formatPhoneForDisplay('+380501234567')).toBe('+38 (050) 123 45 67');
    expect(formatPhoneForDisplay('0442345678')).toBe('+38 (044) 234 56 78');
    expect(formatPhoneForDisplay('12345')).toBe('12345');
  });
});

describe('phone properties', () => {
  it('any mobile number typed in any accepted style normalises to its E.164 form', () => {
    fc.assert(
      fc.property(typedForm(mobileE164), ({ phone, typed }) => {
        expect(normalizePhone(typed)).toBe(phone);
        expect(isMobile(typed)).toBe(true);
        expect(v.parse(MobilePhoneSchema, typed)).toBe(phone);
      }),
    );
  });

  it('landlines typed in any accepted style normalise too, and are not mobile', () => {
    fc.assert(
      fc.property(typedForm(landlineE164), ({ phone, typed }) => {
        expect(normalizePhone(typed)).toBe(phone);
        expect(isMobile(typed)).toBe(false);
      }),
    );
  });

  it('normalising is idempotent, for any input', () => {
    const anyInput = fc.oneof(
      typedForm(mobileE164).map(({ typed }) => typed),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = normalizePhone(input);
        if (once !== undefined) expect(normalizePhone(once)).toBe(once);
      }),
    );
  });

  it('the display mask normalises back to the same number', () => {
    fc.assert(
      fc.property(fc.oneof(mobileE164, landlineE164), (phone) => {
        expect(formatPhoneForDisplay(phone)).toMatch(/^\+38 \(0\d{2}\) \d{3} \d{2} \d{2}$/);
        expect(normalizePhone(formatPhoneForDisplay(phone))).toBe(phone);
      }),
    );
  });
});
