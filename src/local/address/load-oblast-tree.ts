import { decodeOblastFile, type OblastTree } from '../../shared/domain/katottg';
import { OBLAST_CODES } from '../../shared/domain/oblasts';
import { type FetchLike, fetchKatottgJson } from './fetch-katottg-json';

// Keyed by the fetch function as well, so tests with their own fake fetch never see each other's trees.
const memo = new WeakMap<FetchLike, Map<string, Promise<OblastTree>>>();
const TOP_LEVEL = new Set(OBLAST_CODES);

/**
 * The decoded tree of one top-level unit (oblast, Kyiv or Sevastopol), loaded once per page or worker.
 * Concurrent callers share one request; a failed load is forgotten so the next call tries again.
 */
export function loadOblastTree(oblastCode: string, fetchFn: FetchLike): Promise<OblastTree> {
  if (!TOP_LEVEL.has(oblastCode))
    return Promise.reject(new RangeError(`not a top-level KATOTTH code: ${oblastCode}`));
  let trees = memo.get(fetchFn);
  if (trees === undefined) {
    trees = new Map();
    memo.set(fetchFn, trees);
  }
  let tree = trees.get(oblastCode);
  if (tree === undefined) {
    const loading = fetchKatottgJson(`${oblastCode}.json`, fetchFn).then(decodeOblastFile);
    loading.catch(() => trees.delete(oblastCode));
    trees.set(oblastCode, loading);
    tree = loading;
  }
  return tree;
}
