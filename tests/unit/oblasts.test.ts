import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OBLAST_CODES, OBLASTS } from '../../src/shared/domain/oblasts';

interface CodifierRow {
  readonly code: string;
  readonly category: string;
  readonly name: string;
}

const CSV_PATH = fileURLToPath(new URL('../../reference-data/katottg-2025-05-16.csv', import.meta.url));

/** Top-level rows of the KATOTTH codifier: category O (oblast / ARC) and K (city with special status). */
function readTopLevelRows(): CodifierRow[] {
  // The README says "UTF-8 with BOM"; strip one if present so the header is read either way.
  const text = readFileSync(CSV_PATH, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const rows: CodifierRow[] = [];
  for (const line of lines.slice(1)) {
    const columns = line.split(';');
    if (columns.length !== 7) throw new Error(`unexpected column count ${columns.length}: ${line}`);
    const category = columns[5]!.trim();
    if (category !== 'O' && category !== 'K') continue;
    // A top-level row fills only level 1; all deeper level columns are empty.
    expect(columns.slice(1, 5).every((column) => column.trim() === '')).toBe(true);
    rows.push({ code: columns[0]!.trim(), category, name: columns[6]!.trim() });
  }
  return rows;
}

/**
 * The codifier names oblasts by their adjective («Вінницька») and special-status cities by the bare
 * name («Київ»); the app shows the full form people see on official forms. The Autonomous Republic of
 * Crimea is already written in full in the codifier.
 */
function displayName(row: CodifierRow): string {
  if (row.category === 'K') return `м. ${row.name}`;
  if (row.name.startsWith('Автономна Республіка')) return row.name;
  return `${row.name} область`;
}

describe('OBLASTS', () => {
  const rows = readTopLevelRows();

  it('the codifier has 25 oblast rows and 2 special-status cities', () => {
    expect(rows.filter((row) => row.category === 'O')).toHaveLength(25);
    expect(rows.filter((row) => row.category === 'K')).toHaveLength(2);
  });

  it('has exactly the codes of the 27 top-level codifier rows, in codifier order', () => {
    expect(OBLASTS.map((oblast) => oblast.code)).toEqual(rows.map((row) => row.code));
    expect(OBLAST_CODES).toEqual(rows.map((row) => row.code));
  });

  it('has codes without duplicates in the KATOTTH shape', () => {
    expect(new Set(OBLAST_CODES).size).toBe(OBLAST_CODES.length);
    for (const code of OBLAST_CODES) expect(code).toMatch(/^UA\d{2}0{10}\d{5}$/);
  });

  it('has Ukrainian names matching the codifier', () => {
    const expected = rows.map((row) => ({ code: row.code, uk: displayName(row) }));
    expect(OBLASTS.map(({ code, uk }) => ({ code, uk }))).toEqual(expected);
    // The codifier name itself must be inside the shown name, whatever form it takes.
    for (const [index, row] of rows.entries()) expect(OBLASTS[index]!.uk).toContain(row.name);
  });

  it('has a non-empty, trimmed English name for each entry', () => {
    for (const oblast of OBLASTS) {
      expect(oblast.en.trim()).toBe(oblast.en);
      expect(oblast.en.length).toBeGreaterThan(0);
    }
    expect(new Set(OBLASTS.map((oblast) => oblast.en)).size).toBe(OBLASTS.length);
  });
});
