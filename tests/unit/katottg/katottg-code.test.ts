import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  isWithin,
  KatottgCodeSchema,
  levelOf,
  oblastPrefix,
  structuralPrefix,
} from '../../../src/shared/domain/katottg';
import { codifierRows } from './katottg-files';

const LEVEL_OF_CATEGORY: Record<string, string> = {
  O: 'oblast',
  K: 'oblast',
  P: 'raion',
  H: 'hromada',
  M: 'settlement',
  X: 'settlement',
  C: 'settlement',
  B: 'district',
};

describe('KatottgCodeSchema', () => {
  it.each(['UA05000000000010236', 'UA80000000000126643', 'UA12080110010027403'])('accepts %s', (code) => {
    expect(v.safeParse(KatottgCodeSchema, code).success).toBe(true);
  });

  it.each([
    'UA0500000000001023',
    'UA140201100200772055',
    'ua05000000000010236',
    'UA 05000000000010236',
    'RU05000000000010236',
    '',
    42,
  ])('refuses %s with katottg.format', (code) => {
    const result = v.safeParse(KatottgCodeSchema, code);
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe('katottg.format');
  });

  it('accepts exactly UA + 17 digits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 }),
        (digits) => {
          expect(v.safeParse(KatottgCodeSchema, `UA${digits}`).success).toBe(true);
          expect(v.safeParse(KatottgCodeSchema, `UA${digits}0`).success).toBe(false);
        },
      ),
    );
  });
});

describe('code structure', () => {
  it('oblastPrefix is UA + 2 digits', () => {
    expect(oblastPrefix('UA12080110010027403')).toBe('UA12');
  });

  it('levelOf agrees with the category of every one of the 31,748 codifier rows', () => {
    for (const row of codifierRows())
      expect([row.code, levelOf(row.code)]).toEqual([row.code, LEVEL_OF_CATEGORY[row.category]]);
  });

  it('reads levels from the bottom, so Kyiv districts and Прип’ять (skipped levels) come out right', () => {
    expect(levelOf('UA80000000000126643')).toBe('district');
    expect(levelOf('UA32000000010085013')).toBe('settlement');
    expect(structuralPrefix('UA12080110000055958')).toBe('UA1208011');
    expect(structuralPrefix('UA80000000000093317')).toBe('UA80');
  });

  it('isWithin: a settlement is within its hromada, raion and oblast, not within a sibling', () => {
    const village = 'UA12080110010027403';
    for (const container of ['UA12080110000055958', 'UA12080000000023578', 'UA12000000000090473', village])
      expect(isWithin(village, container)).toBe(true);
    expect(isWithin(village, 'UA12080110020072046')).toBe(false);
    expect(isWithin(village, 'UA12080010000029838')).toBe(false);
    expect(isWithin('UA80000000000126643', 'UA80000000000093317')).toBe(true);
  });

  it('structural prefixes are unique across the codifier', () => {
    const prefixes = codifierRows().map((row) => structuralPrefix(row.code));
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
