import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  birthDateSchema,
  CalendarDateSchema,
  calendarDateProblem,
  formatDisplayDate,
  isRealIsoDate,
  latestToday,
  pastDateSchema,
  toIsoDate,
} from '../../../src/shared/domain/validators/calendar-date';

const today = () => '2024-05-10';

function messages(schema: v.GenericSchema, input: unknown): string[] {
  const result = v.safeParse(schema, input);
  return result.success ? [] : result.issues.map((issue) => issue.message);
}

describe('calendar dates', () => {
  it.each([
    ['01.02.1990', '1990-02-01'],
    ['1.2.1990', '1990-02-01'],
    [' 29.02.2000 ', '2000-02-29'],
    ['29.02.2024', '2024-02-29'],
    ['31.12.1999', '1999-12-31'],
    ['1990-02-01', '1990-02-01'],
  ])('%j → %s', (typed, iso) => {
    expect(toIsoDate(typed)).toBe(iso);
    expect(v.parse(CalendarDateSchema, typed)).toBe(iso);
  });

  it.each([
    ['', 'date.required'],
    ['  ', 'date.required'],
    ['01/02/1990', 'date.format'],
    ['01.02.90', 'date.format'],
    ['1990.02.01', 'date.format'],
    ['001.02.1990', 'date.format'],
    ['1990-2-1', 'date.format'],
    ['вчора', 'date.format'],
    ['31.02.2020', 'date.invalid'],
    ['29.02.1900', 'date.invalid'],
    ['29.02.2023', 'date.invalid'],
    ['31.04.2020', 'date.invalid'],
    ['00.01.2020', 'date.invalid'],
    ['01.13.2020', 'date.invalid'],
    ['01.00.2020', 'date.invalid'],
    ['2020-02-30', 'date.invalid'],
  ])('%j → %s', (typed, message) => {
    expect(calendarDateProblem(typed)).toBe(message);
  });

  it('matches the real calendar for every day 1900–2100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const date = new Date(Date.UTC(year, month - 1, day));
          const exists = date.getUTCDate() === day;
          const display = `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
          expect(toIsoDate(display) !== undefined).toBe(exists);
          if (exists) {
            expect(toIsoDate(display)).toBe(date.toISOString().slice(0, 10));
            expect(formatDisplayDate(toIsoDate(display)!)).toBe(display);
            expect(isRealIsoDate(toIsoDate(display)!)).toBe(true);
          }
        },
      ),
    );
  });

  it('a past date may be today but not tomorrow', () => {
    const schema = pastDateSchema({ today });
    expect(v.parse(schema, '10.05.2024')).toBe('2024-05-10');
    expect(messages(schema, '11.05.2024')).toEqual(['date.future']);
    expect(messages(schema, '10.05.2025')).toEqual(['date.future']);
  });

  it('asks for today at each check, not once', () => {
    let day = '2024-05-10';
    const schema = pastDateSchema({ today: () => day });
    expect(messages(schema, '11.05.2024')).toEqual(['date.future']);
    day = '2024-05-11';
    expect(messages(schema, '11.05.2024')).toEqual([]);
  });

  it('a birth date is from 1 January 1900 to today', () => {
    const schema = birthDateSchema({ today });
    expect(v.parse(schema, '01.01.1900')).toBe('1900-01-01');
    expect(v.parse(schema, '10.05.2024')).toBe('2024-05-10');
    expect(messages(schema, '31.12.1899')).toEqual(['date.tooOld']);
    expect(messages(schema, '11.05.2024')).toEqual(['date.future']);
    expect(messages(schema, '30.02.1990')).toEqual(['date.invalid']);
    expect(messages(schema, undefined)).toEqual(['date.required']);
  });

  it('by default, today is the date already reached somewhere on Earth', () => {
    expect(latestToday(new Date('2024-05-10T09:59:59Z'))).toBe('2024-05-10');
    expect(latestToday(new Date('2024-05-10T10:00:00Z'))).toBe('2024-05-11');
    // 00:30 in Kyiv (UTC+3) is still the previous day in UTC; the date must not be refused.
    expect(v.safeParse(pastDateSchema(), latestToday()).success).toBe(true);
    const farFuture = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(messages(pastDateSchema(), farFuture)).toEqual(['date.future']);
  });
});
