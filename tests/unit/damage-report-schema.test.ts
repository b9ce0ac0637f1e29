import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { formEn } from '../../src/client/i18n/form-messages-en';
import { formUk } from '../../src/client/i18n/form-messages-uk';
import { en as coreEn } from '../../src/client/i18n/messages-en';
import { uk as coreUk } from '../../src/client/i18n/messages-uk';

// What the client can show: the shell's catalogue plus the forms' catalogue that loads with every form.
const uk: Readonly<Record<string, string>> = { ...coreUk, ...formUk };
const en: Readonly<Record<string, string>> = { ...coreEn, ...formEn };

import {
  DamageReportSchema,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  OBLAST_CODES,
  PROPERTY_TYPES,
  toValidationIssues,
  type ValidationIssue,
} from '../../src/shared/domain';

const KYIV_OBLAST = 'UA32000000000030281';
const BROVARY = 'UA32060050010081797';

/** A complete notice of damaged property, already in normalised form. */
const VALID = {
  surname: 'Шевченко',
  givenName: 'Олена',
  patronymic: 'Петрівна',
  rnokpp: '1941106083',
  phone: '+380671234567',
  applicantRole: 'owner',
  propertyType: 'house',
  propOblast: KYIV_OBLAST,
  propSettlement: BROVARY,
  propStreet: 'вул. Героїв України',
  propBuilding: '12',
  propPostCode: '07400',
  area: 54.3,
  eventDate: '2024-03-12',
  cause: 'hostilities',
  damageStatus: 'damaged',
  damagedElements: ['roof', 'windows'],
  description: 'Зруйновано дах і вікна',
};

/** A well-formed settlement code inside the given oblast (the schema checks format and oblast). */
function settlementIn(oblast: string): string {
  return `${oblast.slice(0, 4)}${BROVARY.slice(4)}`;
}

function issuesOf(input: unknown): ValidationIssue[] {
  const result = v.safeParse(DamageReportSchema, input);
  return result.success ? [] : toValidationIssues(result.issues);
}

/** The fields of the form (the object schema at the head of the pipe). */
const FORM_FIELDS = Object.keys(
  (DamageReportSchema.pipe[0] as unknown as { entries: Record<string, unknown> }).entries,
);

describe('DamageReportSchema', () => {
  const valid: Array<[string, unknown]> = [
    ['a typical report', VALID],
    ['exactly the minimum length', { ...VALID, description: 'а'.repeat(DESCRIPTION_MIN) }],
    ['exactly the maximum length', { ...VALID, description: 'я'.repeat(DESCRIPTION_MAX) }],
    ['the maximum after trimming', { ...VALID, description: `  ${'x'.repeat(DESCRIPTION_MAX)}\n\t ` }],
    ...PROPERTY_TYPES.map((propertyType): [string, unknown] => [
      `property type ${propertyType}`,
      { ...VALID, propertyType },
    ]),
    ...OBLAST_CODES.map((oblast): [string, unknown] => [
      `oblast ${oblast}`,
      { ...VALID, propOblast: oblast, propSettlement: settlementIn(oblast) },
    ]),
  ];

  it.each(valid)('accepts %s', (_, input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  const invalid: Array<[string, unknown, ValidationIssue[]]> = [
    [
      'an unknown property type',
      { ...VALID, propertyType: 'castle' },
      [{ field: 'propertyType', message: 'propertyType.required' }],
    ],
    [
      'an empty property type',
      { ...VALID, propertyType: '' },
      [{ field: 'propertyType', message: 'propertyType.required' }],
    ],
    [
      'an oblast code that is not top-level',
      { ...VALID, propOblast: 'UA32060050000000000' },
      [{ field: 'propOblast', message: 'oblast.required' }],
    ],
    [
      // The settlement no longer lies in the (unreadable) oblast either: one message for each field.
      'an oblast given by name',
      { ...VALID, propOblast: 'Київська область' },
      [
        { field: 'propOblast', message: 'oblast.required' },
        { field: 'propSettlement', message: 'settlement.wrongOblast' },
      ],
    ],
    [
      'a settlement outside the chosen oblast',
      { ...VALID, propSettlement: settlementIn('UA46000000000026241') },
      [{ field: 'propSettlement', message: 'settlement.wrongOblast' }],
    ],
    [
      'a missing description',
      { ...VALID, description: undefined },
      [{ field: 'description', message: 'description.required' }],
    ],
    [
      'a non-string description',
      { ...VALID, description: 1234567890123 },
      [{ field: 'description', message: 'description.required' }],
    ],
    [
      'an empty description',
      { ...VALID, description: '' },
      [{ field: 'description', message: 'description.required' }],
    ],
    [
      'a whitespace-only description',
      { ...VALID, description: ' \n\t  \u00a0 ' },
      [{ field: 'description', message: 'description.required' }],
    ],
    [
      'one character short',
      { ...VALID, description: 'a'.repeat(DESCRIPTION_MIN - 1) },
      [{ field: 'description', message: 'description.tooShort' }],
    ],
    [
      'short once trimmed',
      { ...VALID, description: `     ${'a'.repeat(DESCRIPTION_MIN - 1)}     ` },
      [{ field: 'description', message: 'description.tooShort' }],
    ],
    [
      'one character too long',
      { ...VALID, description: 'a'.repeat(DESCRIPTION_MAX + 1) },
      [{ field: 'description', message: 'description.tooLong' }],
    ],
  ];

  it.each(invalid)('rejects %s', (_, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it('names every required field of an empty form, each once', () => {
    const issues = issuesOf({});
    const fields = issues.map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['propertyType', 'propOblast', 'description', 'surname']));
    expect(new Set(fields).size).toBe(fields.length);
    for (const issue of issues) expect(issue.message).toMatch(/^[a-zA-Z]+\.required$/);
  });

  it('reports at most one issue per field (the form shows one message per field)', () => {
    for (const [, input] of invalid) {
      const fields = issuesOf(input).map((issue) => issue.field);
      expect(new Set(fields).size).toBe(fields.length);
    }
  });

  it('reports a field the person never touched (absent key) with its translation key', () => {
    // The form starts from {} and only adds keys as the person fills fields in.
    const expected: Record<string, string> = {
      propertyType: 'propertyType.required',
      description: 'description.required',
      surname: 'name.required',
      propOblast: 'oblast.required',
      eventDate: 'date.required',
    };
    for (const [field, message] of Object.entries(expected)) {
      const input: Record<string, unknown> = { ...VALID };
      delete input[field];
      expect(issuesOf(input), field).toEqual([{ field, message }]);
      expect(issuesOf({ ...VALID, [field]: undefined }), field).toEqual([{ field, message }]);
    }
  });

  it('rejects values that are not objects', () => {
    for (const input of [null, undefined, 'house', 42, []]) {
      const result = v.safeParse(DamageReportSchema, input);
      expect(result.success).toBe(false);
    }
  });

  it('trims the description in its output', () => {
    const output = v.parse(DamageReportSchema, { ...VALID, description: '  \n Розбито вікна  \t' });
    expect(output.description).toBe('Розбито вікна');
  });

  it('drops unknown keys from its output (data is what the schema knows)', () => {
    const output = v.parse(DamageReportSchema, { ...VALID, extra: 'ignored' });
    expect('extra' in output).toBe(false);
    expect(output).toMatchObject({ ...VALID, damagedElements: ['roof', 'windows'] });
  });
});

/**
 * Messages of the full notice that have no uk/en text yet: the page would show the bare key. A ratchet:
 * the test fails both when a new message appears without a text and when a listed one gets its text
 * (then remove it here).
 */

/** Yes/no fields: a wrong-typed value gets the shared 'flag.invalid' key, not valibot's English default. */
const FLAGS = ['noRnokpp', 'locationConsent'];

describe('validation messages', () => {
  const catalogues = { uk, en } as Record<'uk' | 'en', Record<string, string>>;

  /** As the client resolves it: a message key itself, or a reason code through `reason.<code>`. */
  function resolves(catalogue: Record<string, string>, key: string): boolean {
    return Boolean(catalogue[key] ?? catalogue[`reason.${key}`]);
  }

  function producedMessages(): Set<string> {
    const inputs: unknown[] = [{}, { propertyType: 1, propOblast: 2, description: 3 }, ...invalidInputs()];
    for (const field of FORM_FIELDS) {
      inputs.push({ ...VALID, [field]: undefined });
      for (const bad of ['', 'zzz', -1, 1e9, { wrong: 'type' }]) inputs.push({ ...VALID, [field]: bad });
    }
    return new Set(inputs.flatMap((input) => issuesOf(input).map((issue) => issue.message)));
  }

  it('every message the schema produces is a translation key', () => {
    const produced = producedMessages();
    expect(produced.size).toBeGreaterThanOrEqual(20);
    for (const message of produced) expect(message).toMatch(/^[a-zA-Z]+\.[a-zA-Z.]+$/);
  });

  it('every message has a uk and an en text', () => {
    const missing = [...producedMessages()]
      .filter((message) => !resolves(catalogues.uk, message) || !resolves(catalogues.en, message))
      .sort();
    expect(missing).toEqual([]);
    for (const key of [
      'propertyType.required',
      'oblast.required',
      'description.required',
      'description.tooShort',
    ]) {
      expect(resolves(catalogues.uk, key) && resolves(catalogues.en, key), key).toBe(true);
    }
  });

  it.each(FLAGS)('a wrong-typed %s gets a translation key', (field) => {
    const messages = issuesOf({ ...VALID, [field]: { wrong: 'type' } }).map((issue) => issue.message);
    expect(messages).toEqual(['flag.invalid']);
  });

  it('the texts for length limits quote the limits the schema enforces', () => {
    expect(uk['description.tooShort']).toContain(String(DESCRIPTION_MIN));
    expect(uk['description.tooLong']).toContain(String(DESCRIPTION_MAX));
    expect(en['description.tooShort']).toContain(String(DESCRIPTION_MIN));
    expect(en['description.tooLong']!.replace(',', '')).toContain(String(DESCRIPTION_MAX));
  });
});

function invalidInputs(): unknown[] {
  return [
    { ...VALID, description: 'short' },
    { ...VALID, description: 'x'.repeat(DESCRIPTION_MAX + 50) },
    { ...VALID, description: '   ' },
    { ...VALID, propSettlement: settlementIn('UA46000000000026241') },
    { ...VALID, damagedElements: ['roof', 'chimney'] },
    { ...VALID, area: 0 },
  ];
}
