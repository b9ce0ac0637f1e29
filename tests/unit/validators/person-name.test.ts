import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  GivenNameSchema,
  NAME_APOSTROPHE,
  normalizeApostrophes,
  normalizePersonName,
  PatronymicSchema,
  PERSON_NAME_MAX,
  PersonNameSchema,
  personNameProblem,
} from '../../../src/shared/domain/validators/person-name';

const MODIFIER_APOSTROPHE = '\u02bc';
const APOSTROPHE_VARIANTS = ["'", '\u2019', '\u2018', '\u02bc', '`'];
const SMALL = [...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'];
const CAPITALS = [...'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ'];

const letters = fc.array(fc.constantFrom(...SMALL), { minLength: 1, maxLength: 6 }).map((l) => l.join(''));
/** A name part as a list of letter runs; joined by apostrophes it is a valid word. */
const runs = fc.tuple(fc.constantFrom(...CAPITALS), fc.array(letters, { minLength: 1, maxLength: 3 }));

describe('person name', () => {
  it('uses U+02BC MODIFIER LETTER APOSTROPHE', () => {
    expect(NAME_APOSTROPHE).toBe(MODIFIER_APOSTROPHE);
  });

  it.each([
    ['Шевченко', 'Шевченко'],
    ['  Тарас  ', 'Тарас'],
    ["Мар'яна", `Мар${MODIFIER_APOSTROPHE}яна`],
    ['Мар’яна', `Мар${MODIFIER_APOSTROPHE}яна`],
    ['Мар`яна', `Мар${MODIFIER_APOSTROPHE}яна`],
    ["В'ячеслав", `В${MODIFIER_APOSTROPHE}ячеслав`],
    ['Косач-Квітка', 'Косач-Квітка'],
    ['Косач – Квітка', 'Косач-Квітка'],
    ['Анна  Марія', 'Анна Марія'],
    ['Ґудзь', 'Ґудзь'],
    ['Їжакевич', 'Їжакевич'],
    ['Євгенія', 'Євгенія'],
    ['де ла Круз', 'де ла Круз'],
    ['шевченко', 'шевченко'],
    ['ШЕВЧЕНКО', 'ШЕВЧЕНКО'],
    ['Марiя', 'Марія'],
    ['Олексiй', 'Олексій'],
    ['Kоваль', 'Коваль'],
    ['Андрiївна', 'Андріївна'],
  ])('%j is valid, stored as %j (case as typed)', (typed, stored) => {
    expect(personNameProblem(typed)).toBeUndefined();
    expect(normalizePersonName(typed)).toBe(stored);
    expect(v.parse(GivenNameSchema, typed)).toBe(stored);
  });

  it.each([
    ['', 'name.required'],
    ['   ', 'name.required'],
    ['Ivan', 'name.letters'],
    ['Эдуард', 'name.letters'],
    ['Ъ', 'name.letters'],
    ['Ёлкин', 'name.letters'],
    ['Шевченко2', 'name.letters'],
    ['Шевченко.', 'name.letters'],
    ["'Ярина", 'name.letters'],
    ["Ярина'", 'name.letters'],
    ["Мар''яна", 'name.letters'],
    ['-Ярина', 'name.letters'],
    ['Косач--Квітка', 'name.letters'],
    [`Я${'я'.repeat(PERSON_NAME_MAX)}`, 'name.tooLong'],
  ])('%j → %s', (typed, message) => {
    expect(personNameProblem(typed)).toBe(message);
  });

  it('every apostrophe variant normalises to the one apostrophe', () => {
    fc.assert(
      fc.property(
        runs,
        fc.array(fc.constantFrom(...APOSTROPHE_VARIANTS), { minLength: 3, maxLength: 3 }),
        ([first, parts], marks) => {
          const typed =
            first + parts.map((part, index) => (index === 0 ? part : marks[index % 3]! + part)).join('');
          const expected = first + parts.join(MODIFIER_APOSTROPHE);
          expect(normalizePersonName(typed)).toBe(expected);
          expect(normalizeApostrophes(typed)).toBe(expected);
          expect(personNameProblem(typed)).toBeUndefined();
          expect(normalizePersonName(expected)).toBe(expected);
        },
      ),
    );
  });

  it('the surname and given name are required, the patronymic is optional', () => {
    expect(v.parse(PersonNameSchema, { surname: "Дем'янчук", givenName: 'Олена', patronymic: '' })).toEqual({
      surname: `Дем${MODIFIER_APOSTROPHE}янчук`,
      givenName: 'Олена',
      patronymic: undefined,
    });
    expect(v.parse(PatronymicSchema, ' Петрівна ')).toBe('Петрівна');
    const missing = v.safeParse(PersonNameSchema, { patronymic: 'Ivanovych' });
    expect(missing.issues?.map((issue) => [issue.path?.[0]?.key, issue.message])).toEqual([
      ['surname', 'name.required'],
      ['givenName', 'name.required'],
      ['patronymic', 'name.letters'],
    ]);
  });
});
