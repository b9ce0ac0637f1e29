// The 33 letters of the Ukrainian alphabet. Documents issued in Ukraine use only these, so Ъ Ы Э Ё (typed
// on a Russian keyboard layout) are refused rather than stored where they can never match a register.
export const UKRAINIAN_CAPITALS = 'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ';
export const UKRAINIAN_SMALL_LETTERS = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';

// Capitals that look the same in Latin and Cyrillic. People type document series and names on whichever
// layout is active, and the two look identical on screen, so a mixed-script value is always a slip.
const LATIN_TO_CYRILLIC_CAPITALS: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  I: 'І',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
};

// Small letters that look the same; b, h, k, m, t do not, so they are not here. Latin i and ï in place of
// Cyrillic і and ї are the most common slip of all (older keyboard layouts lacked the Ukrainian letters).
const LATIN_TO_CYRILLIC_SMALL: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  ï: 'ї',
  Ï: 'Ї',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
};

const CYRILLIC_TO_LATIN_CAPITALS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC_CAPITALS).map(([latin, cyrillic]) => [cyrillic, latin]),
);

function replaceEach(text: string, table: Readonly<Record<string, string>>): string {
  let result = '';
  for (const char of text) result += table[char] ?? char;
  return result;
}

export function latinCapitalsToCyrillic(text: string): string {
  return replaceEach(text, LATIN_TO_CYRILLIC_CAPITALS);
}

export function latinLettersToCyrillic(text: string): string {
  return replaceEach(replaceEach(text, LATIN_TO_CYRILLIC_CAPITALS), LATIN_TO_CYRILLIC_SMALL);
}

export function cyrillicCapitalsToLatin(text: string): string {
  return replaceEach(text, CYRILLIC_TO_LATIN_CAPITALS);
}
