import { type Remote, wrap } from 'comlink';
import type { DataApi } from '../worker/data-api';

let bridge: Remote<DataApi> | undefined;

/** The one way the page reaches the local database: a typed comlink proxy to the data worker. */
export function dataBridge(): Remote<DataApi> {
  bridge ??= wrap<DataApi>(
    new Worker(new URL('../worker/data-worker.ts', import.meta.url), {
      type: 'module',
      name: 'lastivka-data',
    }),
  );
  return bridge;
}
