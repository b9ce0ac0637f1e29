import { spawnSync } from 'node:child_process';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  HOSTILITIES_VERSION,
  KATOTTG_VERSION,
  type KatottgCategory,
  KatottgIndexSchema,
} from '../../../src/shared/domain/katottg';
import { OBLASTS } from '../../../src/shared/domain/oblasts';
import { codifierRows, hostilitiesList, oblastTree, ROOT, readPublicJson } from './katottg-files';

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('generated KATOTTH files', () => {
  const index = v.parse(KatottgIndexSchema, readPublicJson('index.json'));
  const trees = index.oblasts.map((oblast) => oblastTree(oblast.code));
  const decoded = trees.flatMap((tree) => [...tree.units.values()]);

  it('the committed files are what the CSVs produce (--check)', () => {
    const result = spawnSync(process.execPath, ['scripts/build-katottg.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('index.json lists the 27 top-level units with the names the app shows, in codifier order', () => {
    expect(index.version).toBe(KATOTTG_VERSION);
    expect(index.hostilities.version).toBe(HOSTILITIES_VERSION);
    expect(index.oblasts.map(({ code, uk }) => ({ code, uk }))).toEqual(
      OBLASTS.map(({ code, uk }) => ({ code, uk })),
    );
    for (const [position, oblast] of index.oblasts.entries()) {
      expect(oblast.file).toBe(`${oblast.code}.json`);
      expect(oblast.units).toBe(trees[position]!.units.size);
      expect(oblast.bytes).toBe(Buffer.byteLength(JSON.stringify(readPublicJson(oblast.file))) + 1);
    }
  });

  it('holds every codifier unit exactly once, with its trimmed name and category', () => {
    const rows = codifierRows();
    expect(decoded).toHaveLength(rows.length);
    const byCode = new Map(decoded.map((unit) => [unit.code, unit]));
    expect(byCode.size).toBe(rows.length);
    for (const row of rows) {
      const unit = byCode.get(row.code);
      expect(unit && { code: unit.code, name: unit.name, category: unit.category }).toEqual(row);
    }
  });

  it('has the counts of the domain facts: 27 top-level, 136 raions, 1,772 hromadas, 29,705 settlements, 108 districts', () => {
    const fromCsv = countBy(codifierRows(), (row) => row.category);
    const fromFiles = countBy(decoded, (unit) => unit.category);
    expect(fromFiles).toEqual(fromCsv);
    const expected: Record<KatottgCategory, number> = {
      O: 25,
      K: 2,
      P: 136,
      H: 1772,
      M: 461,
      X: 2007,
      C: 27237,
      B: 108,
    };
    expect(fromFiles).toEqual(expected);
    expect(trees).toHaveLength(27);
  });

  it('every file and the hostilities list carry their provenance', () => {
    for (const tree of trees) {
      expect(tree.version).toBe(KATOTTG_VERSION);
      expect(tree.source).toContain('Кодифікатор адміністративно-територіальних одиниць');
    }
    const list = hostilitiesList();
    expect(list.version).toBe('2025-05-07');
    expect(list.source).toContain('No. 376 of 28.02.2025');
    expect(list.codifierVersion).toBe(KATOTTG_VERSION);
  });
});

describe('hostilities.json', () => {
  const raw = readPublicJson('hostilities.json') as {
    entries: unknown[];
    dropped: { katottg: string; reason: string; likely?: string }[];
  };
  const list = hostilitiesList();
  const codes = new Set(codifierRows().map((row) => row.code));

  it('keeps 3,195 of the 3,196 source rows and drops the 18-digit code with its reason', () => {
    expect(list.entries).toHaveLength(3195);
    expect(raw.dropped).toHaveLength(1);
    expect(raw.dropped[0]).toMatchObject({
      katottg: 'UA140201100200772055',
      reason: expect.stringContaining('18 digits'),
      likely: 'UA14020110020077205',
    });
  });

  it('has only codes of the codifier, exclusions included', () => {
    for (const entry of list.entries) {
      expect(codes.has(entry.katottg)).toBe(true);
      for (const excluded of entry.except ?? []) expect(codes.has(excluded)).toBe(true);
    }
  });

  it('has the two codes the source wrote with spaces, joined', () => {
    const present = new Set(list.entries.map((entry) => entry.katottg));
    expect(present.has('UA14160110120032432')).toBe(true);
    expect(present.has('UA14160110170044949')).toBe(true);
  });

  it('is sorted, so a rebuild diffs cleanly', () => {
    const keys = list.entries.map((entry) => `${entry.katottg} ${entry.startDate} ${entry.section}`);
    expect(keys).toEqual([...keys].sort());
  });
});
