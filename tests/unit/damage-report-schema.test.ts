import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/client/i18n/messages-en';
import { uk } from '../../src/client/i18n/messages-uk';
import {
  DamageReportSchema,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  OBLAST_CODES,
  PROPERTY_TYPES,
  toValidationIssues,
  type ValidationIssue,
} from '../../src/shared/domain';

const KYIV_CITY = 'UA80000000000093317';
const VALID = { propertyType: 'house', oblast: KYIV_CITY, description: 'Зруйновано дах і вікна' };

function issuesOf(input: unknown): ValidationIssue[] {
  const result = v.safeParse(DamageReportSchema, input);
  return result.success ? [] : toValidationIssues(result.issues);
}

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
    ...OBLAST_CODES.map((oblast): [string, unknown] => [`oblast ${oblast}`, { ...VALID, oblast }]),
  ];

  it.each(valid)('accepts %s', (_, input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  const invalid: Array<[string, unknown, ValidationIssue[]]> = [
    [
      'an empty object',
      {},
      [
        { field: 'propertyType', message: 'propertyType.required' },
        { field: 'oblast', message: 'oblast.required' },
        { field: 'description', message: 'description.required' },
      ],
    ],
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
      { ...VALID, oblast: 'UA01020000000022387' },
      [{ field: 'oblast', message: 'oblast.required' }],
    ],
    [
      'an oblast given by name',
      { ...VALID, oblast: 'Київська область' },
      [{ field: 'oblast', message: 'oblast.required' }],
    ],
    [
      'a missing description',
      { propertyType: 'house', oblast: KYIV_CITY },
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

  it('reports at most one issue per field (the form shows one message per field)', () => {
    for (const [, input] of invalid) {
      const fields = issuesOf(input).map((issue) => issue.field);
      expect(new Set(fields).size).toBe(fields.length);
    }
  });

  it('reports a field the person never touched (absent key) with its translation key', () => {
    // The form starts from {} and only adds keys as the person fills fields in.
    for (const field of ['propertyType', 'oblast', 'description'] as const) {
      const input: Record<string, string> = { ...VALID };
      delete input[field];
      expect(issuesOf(input)).toEqual([{ field, message: `${field}.required` }]);
      expect(issuesOf({ ...VALID, [field]: undefined })).toEqual([{ field, message: `${field}.required` }]);
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
    expect(output).toEqual(VALID);
  });
});

describe('validation messages', () => {
  const sourcePath = fileURLToPath(new URL('../../src/shared/domain/damage-report.ts', import.meta.url));
  const source = readFileSync(sourcePath, 'utf8');
  // Every quoted dotted key in the schema source, e.g. 'description.tooShort'.
  const quotedKeys = [
    ...new Set([...source.matchAll(/'([a-zA-Z]+\.[a-zA-Z.]+)'/g)].map((match) => match[1]!)),
  ];
  const catalogues = { uk, en } as Record<'uk' | 'en', Record<string, string>>;

  /** As the client resolves it: a message key itself, or a reason code through `reason.<code>`. */
  function resolves(catalogue: Record<string, string>, key: string): boolean {
    return Boolean(catalogue[key] ?? catalogue[`reason.${key}`]);
  }

  it('finds the field keys the schema uses', () => {
    for (const key of [
      'propertyType.required',
      'oblast.required',
      'description.required',
      'description.tooShort',
      'description.tooLong',
    ]) {
      expect(quotedKeys).toContain(key);
    }
  });

  it.each(quotedKeys)('%s resolves in the uk and en catalogues', (key) => {
    expect(resolves(catalogues.uk, key)).toBe(true);
    expect(resolves(catalogues.en, key)).toBe(true);
  });

  it.each(Object.keys(DamageReportSchema.entries))('%s.required exists in both catalogues', (field) => {
    expect(catalogues.uk[`${field}.required`]).toBeTruthy();
    expect(catalogues.en[`${field}.required`]).toBeTruthy();
  });

  it('every message the schema actually produces is a catalogue key', () => {
    const inputs: unknown[] = [
      {},
      { propertyType: 1, oblast: 2, description: 3 },
      { ...VALID, description: 'short' },
      { ...VALID, description: 'x'.repeat(DESCRIPTION_MAX + 50) },
      { ...VALID, description: '   ' },
    ];
    const produced = new Set(inputs.flatMap((input) => issuesOf(input).map((issue) => issue.message)));
    expect(produced.size).toBeGreaterThanOrEqual(5);
    for (const message of produced) {
      expect(Object.keys(uk)).toContain(message);
      expect(Object.keys(en)).toContain(message);
    }
  });

  it('the texts for length limits quote the limits the schema enforces', () => {
    expect(uk['description.tooShort']).toContain(String(DESCRIPTION_MIN));
    expect(uk['description.tooLong']).toContain(String(DESCRIPTION_MAX));
    expect(en['description.tooShort']).toContain(String(DESCRIPTION_MIN));
    expect(en['description.tooLong'].replace(',', '')).toContain(String(DESCRIPTION_MAX));
  });
});
