import * as v from 'valibot';
import { type KatottgIndex, KatottgIndexSchema } from '../../shared/domain/katottg';
import { type FetchLike, fetchKatottgJson } from './fetch-katottg-json';

/** The list of data files with their sizes. Not memoised: it is small and the picker reads it once. */
export async function loadKatottgIndex(fetchFn: FetchLike): Promise<KatottgIndex> {
  return v.parse(KatottgIndexSchema, await fetchKatottgJson('index.json', fetchFn));
}
