// Reads the reference CSV and the generated files directly, so the tests check the committed data
// against the source rather than against a copy of the build script's logic.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  decodeOblastFile,
  type HostilitiesList,
  type OblastTree,
  parseHostilitiesList,
} from '../../../src/shared/domain/katottg';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PUBLIC_KATOTTG = `${ROOT}public/katottg`;

export interface CodifierRow {
  readonly code: string;
  readonly category: string;
  readonly name: string;
}

let rows: CodifierRow[] | undefined;

export function codifierRows(): CodifierRow[] {
  rows ??= readFileSync(`${ROOT}reference-data/katottg-2025-05-16.csv`, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => {
      const columns = line.split(';');
      const levels = columns.slice(0, 5).filter((column) => column.trim() !== '');
      return { code: levels.at(-1)!.trim(), category: columns[5]!.trim(), name: columns[6]!.trim() };
    });
  return rows;
}

export function readPublicJson(file: string): unknown {
  return JSON.parse(readFileSync(`${PUBLIC_KATOTTG}/${file}`, 'utf8'));
}

const trees = new Map<string, OblastTree>();

export function oblastTree(code: string): OblastTree {
  let tree = trees.get(code);
  if (tree === undefined) {
    tree = decodeOblastFile(readPublicJson(`${code}.json`));
    trees.set(code, tree);
  }
  return tree;
}

let hostilities: HostilitiesList | undefined;

export function hostilitiesList(): HostilitiesList {
  hostilities ??= parseHostilitiesList(readPublicJson('hostilities.json'));
  return hostilities;
}

export const KYIV_OBLAST = 'UA32000000000030281';
export const KYIV_CITY = 'UA80000000000093317';
export const CHERKASY_OBLAST = 'UA71000000000010357';
