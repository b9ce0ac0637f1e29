import { KATOTTG_CODE, type KatottgLevel, levelOf, structuralPrefix } from './katottg-code';
import { KATOTTG_FORMAT } from './katottg-version';

/**
 * Codifier categories: O oblast / ARC, K city with special status (Kyiv, Sevastopol), P raion,
 * H hromada, M city, X селище, C village, B city district.
 */
export const KATOTTG_CATEGORIES = ['O', 'K', 'P', 'H', 'M', 'X', 'C', 'B'] as const;
export type KatottgCategory = (typeof KATOTTG_CATEGORIES)[number];

/** What a person can live in: a settlement, or Kyiv / Sevastopol, which the codifier has only as top-level units. */
export const SETTLEMENT_CATEGORIES: readonly KatottgCategory[] = ['K', 'M', 'X', 'C'];

export interface KatottgUnit {
  readonly code: string;
  /** As in the codifier, trimmed: oblasts are adjectives («Вінницька»), hromadas too («Андріївська»). */
  readonly name: string;
  readonly category: KatottgCategory;
  readonly level: KatottgLevel;
  /** Null only for the top-level unit. Usually one level up, but Kyiv's districts hang off the city and Прип’ять off Kyiv oblast. */
  readonly parent: string | null;
}

/** One oblast (or Kyiv, or Sevastopol) with everything in it, decoded from public/katottg/<code>.json. */
export interface OblastTree {
  /** Date of the codifier state, e.g. '2025-05-16'. */
  readonly version: string;
  /** Provenance line of the data. */
  readonly source: string;
  readonly root: KatottgUnit;
  readonly units: ReadonlyMap<string, KatottgUnit>;
  /** Children in code order: the codifier numbers the centre first, then alphabetically. */
  readonly children: ReadonlyMap<string, readonly KatottgUnit[]>;
}

/** The file is not what scripts/build-katottg.mjs writes (truncated, corrupted, or of another format). */
export class KatottgFileError extends Error {
  constructor(readonly detail: string) {
    super('katottg.invalidFile');
    this.name = 'KatottgFileError';
  }
}

const CATEGORY_SET: ReadonlySet<string> = new Set(KATOTTG_CATEGORIES);
const NO_UNITS: readonly KatottgUnit[] = [];

/**
 * Decodes the compact file: nested nodes `[codeTail, name, category, children?]`, where `codeTail` is the
 * code without the parent's structural prefix (the top-level node carries its full code). Checks every
 * node as it goes: the file may come from a cache that outlived a format change.
 */
export function decodeOblastFile(json: unknown): OblastTree {
  if (typeof json !== 'object' || json === null) throw new KatottgFileError('not an object');
  const file = json as Record<string, unknown>;
  if (file.format !== KATOTTG_FORMAT) throw new KatottgFileError(`format ${String(file.format)}`);
  if (typeof file.version !== 'string' || typeof file.source !== 'string')
    throw new KatottgFileError('version or source missing');

  const units = new Map<string, KatottgUnit>();
  const children = new Map<string, KatottgUnit[]>();
  const root = decodeNode(file.tree, '', null);
  if (root.unit.category !== 'O' && root.unit.category !== 'K')
    throw new KatottgFileError(`top-level unit of category ${root.unit.category}`);
  units.set(root.unit.code, root.unit);
  // An explicit stack: the tree is only four deep, but this keeps the decoder safe for any input.
  const pending = [root];
  while (pending.length > 0) {
    const { unit, childNodes } = pending.pop()!;
    if (childNodes === undefined) continue;
    const prefix = structuralPrefix(unit.code);
    const list: KatottgUnit[] = [];
    for (const childNode of childNodes) {
      const child = decodeNode(childNode, prefix, unit.code);
      if (units.has(child.unit.code)) throw new KatottgFileError(`duplicate ${child.unit.code}`);
      units.set(child.unit.code, child.unit);
      list.push(child.unit);
      pending.push(child);
    }
    children.set(unit.code, list);
  }
  return { version: file.version, source: file.source, root: root.unit, units, children };
}

function decodeNode(
  node: unknown,
  parentPrefix: string,
  parent: string | null,
): { unit: KatottgUnit; childNodes: readonly unknown[] | undefined } {
  if (!Array.isArray(node) || (node.length !== 3 && node.length !== 4))
    throw new KatottgFileError(`bad node under ${parent}`);
  const [tail, name, category, childNodes] = node as unknown[];
  const code = `${parentPrefix}${String(tail)}`;
  if (typeof tail !== 'string' || !KATOTTG_CODE.test(code)) throw new KatottgFileError(`bad code ${code}`);
  if (typeof name !== 'string' || name === '') throw new KatottgFileError(`bad name at ${code}`);
  if (typeof category !== 'string' || !CATEGORY_SET.has(category))
    throw new KatottgFileError(`bad category at ${code}`);
  if (childNodes !== undefined && !Array.isArray(childNodes))
    throw new KatottgFileError(`bad children at ${code}`);
  return {
    unit: { code, name, category: category as KatottgCategory, level: levelOf(code), parent },
    childNodes,
  };
}

/** The units directly under `parentCode`, in code order; empty for a leaf or an unknown code. Sort by name for display with `Intl.Collator('uk')`. */
export function childrenOf(tree: OblastTree, parentCode: string): readonly KatottgUnit[] {
  return tree.children.get(parentCode) ?? NO_UNITS;
}

/** From the top-level unit down to the unit itself; empty if the code is not in this tree. */
export function pathOf(tree: OblastTree, code: string): readonly KatottgUnit[] {
  const path: KatottgUnit[] = [];
  for (let unit = tree.units.get(code); unit !== undefined; ) {
    path.push(unit);
    unit = unit.parent === null ? undefined : tree.units.get(unit.parent);
  }
  return path.reverse();
}

// ---------------------------------------------------------------------------------------------------
// Search by typing

export interface SettlementHit {
  readonly unit: KatottgUnit;
  /** Null for Kyiv, Sevastopol and the two settlements of the Chornobyl zone that belong to no raion. */
  readonly raion: KatottgUnit | null;
  readonly hromada: KatottgUnit | null;
}

interface SearchEntry {
  readonly unit: KatottgUnit;
  readonly text: string;
  /** Offsets in `text` where a word starts: after a space, a hyphen or a bracket. */
  readonly wordStarts: readonly number[];
  readonly categoryRank: number;
}

/** Apostrophe look-alikes people type (’ ' ʼ ` ‘) fold to one, so «Кам'янка» finds «Кам’янка». */
export function normaliseForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/['ʼ`‘’]/g, '’')
    .replace(/\s+/g, ' ')
    .trim();
}

// People often type the type of place they see on forms: «м. Бровари», «с Липівка».
const TYPED_PREFIX = /^(?:м|с|смт|с-ще)\.?\s+(?=\S)/;

const CATEGORY_RANK: Readonly<Partial<Record<KatottgCategory, number>>> = { K: 0, M: 0, X: 1, C: 2 };
const collator = new Intl.Collator('uk');
const indexes = new WeakMap<OblastTree, readonly SearchEntry[]>();

function searchIndex(tree: OblastTree): readonly SearchEntry[] {
  let index = indexes.get(tree);
  if (index === undefined) {
    const entries: SearchEntry[] = [];
    for (const unit of tree.units.values()) {
      const categoryRank = CATEGORY_RANK[unit.category];
      if (categoryRank === undefined) continue;
      const text = normaliseForSearch(unit.name);
      const wordStarts = [0];
      for (let i = 1; i < text.length; i++) if (/[\s\-(]/.test(text[i - 1]!)) wordStarts.push(i);
      entries.push({ unit, text, wordStarts, categoryRank });
    }
    index = entries;
    indexes.set(tree, index);
  }
  return index;
}

/**
 * Settlements whose name (or any word of it) starts with what was typed, case- and
 * apostrophe-insensitive. Order: exact name first, then cities before селища before villages, then
 * names that start with the query before those where a later word does, then alphabetical. Each hit
 * carries its raion and hromada, since many villages share a name.
 */
export function searchSettlements(tree: OblastTree, query: string, limit = 20): SettlementHit[] {
  const typed = normaliseForSearch(query).replace(TYPED_PREFIX, '');
  if (typed === '' || limit <= 0) return [];
  const matches: { entry: SearchEntry; exact: number; start: number }[] = [];
  for (const entry of searchIndex(tree)) {
    if (entry.text.startsWith(typed)) matches.push({ entry, exact: entry.text === typed ? 0 : 1, start: 0 });
    else if (entry.wordStarts.some((at) => at > 0 && entry.text.startsWith(typed, at)))
      matches.push({ entry, exact: 1, start: 1 });
  }
  matches.sort(
    (a, b) =>
      a.exact - b.exact ||
      a.entry.categoryRank - b.entry.categoryRank ||
      a.start - b.start ||
      collator.compare(a.entry.unit.name, b.entry.unit.name) ||
      (a.entry.unit.code < b.entry.unit.code ? -1 : 1),
  );
  return matches.slice(0, limit).map(({ entry }) => {
    const path = pathOf(tree, entry.unit.code);
    return {
      unit: entry.unit,
      raion: path.find((unit) => unit.category === 'P') ?? null,
      hromada: path.find((unit) => unit.category === 'H') ?? null,
    };
  });
}
