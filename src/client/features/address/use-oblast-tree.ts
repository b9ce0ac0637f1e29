import { useEffect, useState } from 'preact/hooks';
import { KatottgNotAvailableOfflineError, loadOblastTree } from '../../../local/address';
import type { OblastTree } from '../../../shared/domain/katottg';
import { fetchKatottg } from './katottg-fetch';

export type OblastTreeState =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly tree: OblastTree }
  | { readonly status: 'offline' }
  | { readonly status: 'failed' };

const loaded = new Map<string, OblastTree>();

/** The oblast's settlements, fetched once (then from the service worker's cache, offline too). */
export function useOblastTree(oblastCode: string | undefined): [OblastTreeState, () => void] {
  const initial = (): OblastTreeState => {
    if (!oblastCode) return { status: 'none' };
    const tree = loaded.get(oblastCode);
    return tree ? { status: 'ready', tree } : { status: 'loading' };
  };
  const [state, setState] = useState<OblastTreeState>(initial);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on "try again".
  useEffect(() => {
    setState(initial());
    if (!oblastCode || loaded.has(oblastCode)) return;
    let current = true;
    loadOblastTree(oblastCode, fetchKatottg).then(
      (tree) => {
        loaded.set(oblastCode, tree);
        if (current) setState({ status: 'ready', tree });
      },
      (error: unknown) => {
        if (current)
          setState(
            error instanceof KatottgNotAvailableOfflineError ? { status: 'offline' } : { status: 'failed' },
          );
      },
    );
    return () => {
      current = false;
    };
  }, [oblastCode, attempt]);

  return [state, () => setAttempt((count) => count + 1)];
}
