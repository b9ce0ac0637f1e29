import { KatottgLoadError, KatottgNotAvailableOfflineError } from './katottg-load-errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Where scripts/build-katottg.mjs puts the files (public/katottg → served from the site root). */
export const KATOTTG_BASE_URL = '/katottg/';

/**
 * Fetches one data file. The service worker answers from its cache when it has the file; with no
 * cached copy and no network, fetch rejects, which is the one case that means "offline".
 */
export async function fetchKatottgJson(fileName: string, fetchFn: FetchLike): Promise<unknown> {
  const url = `${KATOTTG_BASE_URL}${fileName}`;
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch {
    throw new KatottgNotAvailableOfflineError(url);
  }
  if (!response.ok) throw new KatottgLoadError(url, response.status);
  return response.json();
}
