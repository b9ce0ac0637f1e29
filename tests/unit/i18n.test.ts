import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formUk } from '../../src/client/i18n/form-messages-uk';
import { formatDateTime, formatTime } from '../../src/client/i18n/format-date-time';
import { en } from '../../src/client/i18n/messages-en';
import { uk } from '../../src/client/i18n/messages-uk';
import {
  isMessageKey,
  language,
  loadFormMessages,
  loadLanguage,
  t,
  tPlural,
  tReason,
} from '../../src/client/i18n/translate';

// Pages other than the shell take their words from the lazily loaded forms' catalogue.
const ukAll: Readonly<Record<string, string>> = { ...uk, ...formUk };

beforeAll(async () => {
  await loadFormMessages();
});

afterEach(async () => {
  await loadLanguage('uk');
});

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe('message catalogues', () => {
  it('uk and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(uk).sort());
  });

  it.each([
    ['uk', uk],
    ['en', en],
  ] as const)('%s has no empty or untrimmed messages', (_, catalogue) => {
    for (const [key, text] of Object.entries(catalogue)) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).toBe(text.trim());
    }
  });

  it('each key has the same placeholders in both languages', () => {
    for (const key of Object.keys(uk) as (keyof typeof uk)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(uk[key]));
    }
  });

  it('has a plural form for every CLDR category Ukrainian and English use', () => {
    for (const locale of ['uk', 'en']) {
      for (const category of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
        expect(isMessageKey(`sync.waiting.${category}`), `${locale}: ${category}`).toBe(true);
      }
    }
  });

  it('Ukrainian text is in Cyrillic and English text is not (no untranslated copies)', () => {
    // Keys whose text is deliberately in the other language (the language switch) are exempt.
    const exempt = new Set(['language.switch', 'app.name']);
    for (const key of Object.keys(uk) as (keyof typeof uk)[]) {
      if (exempt.has(key)) continue;
      expect(uk[key], key).toMatch(/[а-яіїєґ]/i);
      expect(en[key], key).not.toMatch(/[а-яіїєґ]/i);
    }
  });
});

describe('t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('sync.done', { n: 3 })).toBe('Надіслано: 3');
    expect(t('sync.done')).toBe('Надіслано: {n}');
  });

  it('switches to English after loadLanguage("en") and back', async () => {
    await loadLanguage('en');
    expect(language.value).toBe('en');
    expect(t('sync.done', { n: 4 })).toBe('Sent: 4');
    await loadLanguage('uk');
    expect(t('sync.done', { n: 4 })).toBe('Надіслано: 4');
  });
});

describe('tPlural', () => {
  it.each([
    [1, '1 заява чекає на відправлення'],
    [2, '2 заяви чекають на відправлення'],
    [5, '5 заяв чекають на відправлення'],
    [11, '11 заяв чекають на відправлення'],
    [21, '21 заява чекає на відправлення'],
    [22, '22 заяви чекають на відправлення'],
  ])('Ukrainian: %i', (count, expected) => {
    expect(tPlural('sync.waiting', count)).toBe(expected);
  });

  it('Ukrainian follows the one/few/many pattern for any whole number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        const lastTwo = n % 100;
        const last = n % 10;
        const noun =
          last === 1 && lastTwo !== 11
            ? 'заява'
            : last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)
              ? 'заяви'
              : 'заяв';
        expect(tPlural('sync.waiting', n).startsWith(`${n} ${noun} `)).toBe(true);
      }),
    );
  });

  it('English: singular and plural', async () => {
    await loadLanguage('en');
    expect(tPlural('sync.waiting', 1)).toBe('1 application waiting to send');
    expect(tPlural('sync.waiting', 2)).toBe('2 applications waiting to send');
    expect(tPlural('sync.waiting', 21)).toBe('21 applications waiting to send');
  });
});

describe('tReason', () => {
  it('translates known reason codes through reason.<code>', () => {
    expect(tReason('record.invalid')).toBe(ukAll['reason.record.invalid']);
    expect(tReason('payload.tooLarge')).toBe(ukAll['reason.payload.tooLarge']);
  });

  it('translates a code that is itself a message key', () => {
    expect(tReason('description.tooShort')).toBe(ukAll['description.tooShort']);
  });

  it('falls back to the generic phrase for unknown codes, never showing the raw code', () => {
    fc.assert(
      fc.property(
        fc.string().filter((code) => !isMessageKey(code) && !isMessageKey(`reason.${code}`)),
        (code) => {
          expect(tReason(code)).toBe(uk['reason.unknown']);
        },
      ),
    );
    expect(tReason('server.503')).toBe('невідома помилка');
  });

  it('falls back in English too', async () => {
    await loadLanguage('en');
    expect(tReason('server.502')).toBe('unknown error');
  });
});

describe('formatDateTime', () => {
  const pad = (n: number) => String(n).padStart(2, '0');

  it('formats as DD.MM.YYYY HH:MM in local time', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const iso = date.toISOString();
          const expected = `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
          expect(formatDateTime(iso)).toBe(expected);
          expect(formatDateTime(iso)).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
          expect(formatTime(iso)).toBe(expected.slice(-5));
        },
      ),
    );
  });

  it('uses Kyiv time with the 24-hour clock when the phone is in Kyiv', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Europe/Kyiv';
    try {
      // Summer time (UTC+3) and winter time (UTC+2).
      expect(formatDateTime('2025-05-16T20:05:00.000Z')).toBe('16.05.2025 23:05');
      expect(formatDateTime('2025-01-31T22:30:00.000Z')).toBe('01.02.2025 00:30');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('returns an empty string for an invalid date', () => {
    expect(formatDateTime('not a date')).toBe('');
    expect(formatTime('')).toBe('');
  });
});
