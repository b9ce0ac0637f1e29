import type { FetchLike } from '../../../local/address';

/**
 * One fetch function for the whole page: the loaders remember trees per fetch function, so a stable
 * one means each oblast is decoded once however many pickers ask for it.
 */
export const fetchKatottg: FetchLike = (input, init) => fetch(input, init);
