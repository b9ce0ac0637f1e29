import * as v from 'valibot';
import { optionalTextField, requiredTextField } from './text-field';
import { latinLettersToCyrillic, UKRAINIAN_CAPITALS, UKRAINIAN_SMALL_LETTERS } from './ukrainian-alphabet';

export const PERSON_NAME_MESSAGE_KEYS = ['name.required', 'name.letters', 'name.tooLong'] as const;
export type PersonNameMessage = (typeof PERSON_NAME_MESSAGE_KEYS)[number];

export const PERSON_NAME_MAX = 100;

// U+02BC MODIFIER LETTER APOSTROPHE, the character Unicode recommends for the Ukrainian apostrophe: it is a
// letter, so search, word selection and \p{L} treat "Мар’яна" as one word, and it looks the same as ’.
// A register that wants U+0027 gets it with one replace on export; the point is one spelling in our data.
export const NAME_APOSTROPHE = 'ʼ';
// ' ’ ‘ ʼ ` ´ ′ ʹ: everything keyboards and autocorrect put in place of the apostrophe.
const APOSTROPHE_VARIANTS = /['’‘ʼ`´′ʹ]/g;
const DASHES = /[‐‑‒–—]/g;

// Ukrainian letters only: names are written as in a Ukrainian document, and a Russian layout's Ы or Э would
// never match a register. Parts are joined by one space or one hyphen (double surnames, Анна-Марія); an
// apostrophe stands between letters.
const LETTER = `[${UKRAINIAN_CAPITALS}${UKRAINIAN_SMALL_LETTERS}]`;
const WORD = `${LETTER}+(?:${NAME_APOSTROPHE}${LETTER}+)*`;
const NAME = new RegExp(`^${WORD}(?:[ -]${WORD})*$`, 'u');

export function normalizeApostrophes(text: string): string {
  return text.replace(APOSTROPHE_VARIANTS, NAME_APOSTROPHE);
}

// Capitalisation is left as typed: people write their names as they want, and some are not "Title Case".
export function normalizePersonName(input: string): string {
  return latinLettersToCyrillic(normalizeApostrophes(input))
    .replace(DASHES, '-')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-');
}

export function personNameProblem(input: string): PersonNameMessage | undefined {
  const name = normalizePersonName(input);
  if (name === '') return 'name.required';
  if (name.length > PERSON_NAME_MAX) return 'name.tooLong';
  return NAME.test(name) ? undefined : 'name.letters';
}

export function isValidPersonName(input: string): boolean {
  return personNameProblem(input) === undefined;
}

const NAME_RULES = {
  required: 'name.required',
  problem: personNameProblem,
  normalize: normalizePersonName,
} as const;

export const SurnameSchema = requiredTextField(NAME_RULES);
export const GivenNameSchema = requiredTextField(NAME_RULES);
export const PatronymicSchema = optionalTextField(NAME_RULES);

export const PersonNameSchema = v.object(
  { surname: SurnameSchema, givenName: GivenNameSchema, patronymic: PatronymicSchema },
  'name.required',
);

export type PersonName = v.InferOutput<typeof PersonNameSchema>;
