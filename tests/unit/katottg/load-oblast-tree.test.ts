import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type FetchLike,
  KatottgLoadError,
  KatottgNotAvailableOfflineError,
  loadHostilitiesList,
  loadKatottgIndex,
  loadOblastTree,
} from '../../../src/local/address';
import { KatottgFileError } from '../../../src/shared/domain/katottg';
import { KYIV_CITY, PUBLIC_KATOTTG } from './katottg-files';

/** Serves public/katottg like the static server would, counting requests; `offline` makes fetch reject. */
function fakeFetch(options: { offline?: boolean; status?: number; body?: string } = {}) {
  const requests: string[] = [];
  const fetchFn: FetchLike = async (url) => {
    requests.push(url);
    if (options.offline) throw new TypeError('Failed to fetch');
    if (options.status !== undefined) return new Response('nope', { status: options.status });
    const body = options.body ?? readFileSync(`${PUBLIC_KATOTTG}/${url.replace('/katottg/', '')}`, 'utf8');
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  };
  return { fetchFn, requests };
}

describe('loadOblastTree', () => {
  it('fetches /katottg/<code>.json once and shares the decoded tree', async () => {
    const { fetchFn, requests } = fakeFetch();
    const [first, second] = await Promise.all([
      loadOblastTree(KYIV_CITY, fetchFn),
      loadOblastTree(KYIV_CITY, fetchFn),
    ]);
    expect(await loadOblastTree(KYIV_CITY, fetchFn)).toBe(first);
    expect(second).toBe(first);
    expect(requests).toEqual([`/katottg/${KYIV_CITY}.json`]);
    expect(first.root.name).toBe('Київ');
  });

  it('says katottg.notAvailableOffline when the network fails and nothing is cached, and tries again next time', async () => {
    const offline = fakeFetch({ offline: true });
    await expect(loadOblastTree(KYIV_CITY, offline.fetchFn)).rejects.toThrow(KatottgNotAvailableOfflineError);
    await expect(loadOblastTree(KYIV_CITY, offline.fetchFn)).rejects.toThrow('katottg.notAvailableOffline');
    expect(offline.requests).toHaveLength(2);
  });

  it('tells a server error apart from being offline', async () => {
    const { fetchFn } = fakeFetch({ status: 404 });
    const error = await loadOblastTree(KYIV_CITY, fetchFn).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KatottgLoadError);
    expect(error).toMatchObject({ status: 404, message: 'katottg.loadFailed' });
  });

  it('refuses a corrupt file and a code that is not a top-level unit', async () => {
    await expect(loadOblastTree(KYIV_CITY, fakeFetch({ body: '{"format":1}' }).fetchFn)).rejects.toThrow(
      KatottgFileError,
    );
    await expect(loadOblastTree('UA80000000000624772', fakeFetch().fetchFn)).rejects.toThrow(RangeError);
  });
});

describe('index and hostilities loaders', () => {
  it('load and check index.json and hostilities.json', async () => {
    const { fetchFn, requests } = fakeFetch();
    const index = await loadKatottgIndex(fetchFn);
    expect(index.oblasts).toHaveLength(27);
    const list = await loadHostilitiesList(fetchFn);
    expect(await loadHostilitiesList(fetchFn)).toBe(list);
    expect(list.entries.length).toBeGreaterThan(3000);
    expect(requests).toEqual(['/katottg/index.json', '/katottg/hostilities.json']);
  });
});
