import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import {
  decodeOblastFile,
  type HostilitiesList,
  type KatottgCategory,
  KatottgIndexSchema,
  parseHostilitiesList,
  SETTLEMENT_CATEGORIES,
} from '../../shared/domain/katottg';

/** Lookups over the whole codifier, for checking addresses that arrive in pushes. */
export interface KatottgRegistry {
  /** Codifier state, e.g. '2025-05-16'. */
  readonly version: string;
  readonly hostilities: HostilitiesList;
  /** Any unit of the codifier: oblast, raion, hromada, settlement, city district. */
  isKnownCode(code: string): boolean;
  /** A place a person lives in: city, селище, village, or Kyiv / Sevastopol. */
  isKnownSettlementCode(code: string): boolean;
  /** The top-level unit (oblast, Kyiv, Sevastopol) the code belongs to; undefined for an unknown code. */
  oblastOf(code: string): string | undefined;
  categoryOf(code: string): KatottgCategory | undefined;
}

const SETTLEMENTS: ReadonlySet<KatottgCategory> = new Set(SETTLEMENT_CATEGORIES);

/**
 * Reads the files scripts/build-katottg.mjs writes (public/katottg, copied to STATIC_DIR/katottg by the
 * build) once at startup: the same data the app offers, so what the picker lets a person choose the
 * server accepts. About 31,700 codes; a few MB of memory.
 */
export async function loadKatottgRegistry(directory: string): Promise<KatottgRegistry> {
  const readJson = async (file: string): Promise<unknown> =>
    JSON.parse(await readFile(path.join(directory, file), 'utf8'));
  const index = v.parse(KatottgIndexSchema, await readJson('index.json'));
  const [trees, hostilities] = await Promise.all([
    Promise.all(index.oblasts.map(async (oblast) => decodeOblastFile(await readJson(oblast.file)))),
    readJson(index.hostilities.file).then(parseHostilitiesList),
  ]);

  const units = new Map<string, { readonly category: KatottgCategory; readonly oblast: string }>();
  for (const tree of trees) {
    // Files of two codifier states side by side would mean a half-finished deploy.
    if (tree.version !== index.version)
      throw new Error(`${tree.root.code}.json is of ${tree.version}, index.json of ${index.version}`);
    for (const unit of tree.units.values())
      units.set(unit.code, { category: unit.category, oblast: tree.root.code });
  }

  return {
    version: index.version,
    hostilities,
    isKnownCode: (code) => units.has(code),
    isKnownSettlementCode: (code) => {
      const category = units.get(code)?.category;
      return category !== undefined && SETTLEMENTS.has(category);
    },
    oblastOf: (code) => units.get(code)?.oblast,
    categoryOf: (code) => units.get(code)?.category,
  };
}
