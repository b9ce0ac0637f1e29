import { type HostilitiesList, parseHostilitiesList } from '../../shared/domain/katottg';
import { type FetchLike, fetchKatottgJson } from './fetch-katottg-json';

const memo = new WeakMap<FetchLike, Promise<HostilitiesList>>();

/** The hostilities list (for the living-allowance estimate), loaded once; a failed load is retried on the next call. */
export function loadHostilitiesList(fetchFn: FetchLike): Promise<HostilitiesList> {
  let list = memo.get(fetchFn);
  if (list === undefined) {
    list = fetchKatottgJson('hostilities.json', fetchFn).then(parseHostilitiesList);
    list.catch(() => memo.delete(fetchFn));
    memo.set(fetchFn, list);
  }
  return list;
}
