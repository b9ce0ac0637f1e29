import { childRows } from '../../shared/record';
import type { LocalRecord } from '../records/local-record';
import { PHOTO_COLLECTION } from './photo-entry';

/**
 * A record's photos in the order they were attached: the order of its child rows (so «Фото 2» is the
 * same picture everywhere), and a stored photo missing from the map last, by attach time.
 */
export function inAttachOrder<T extends { readonly id: string; readonly addedAt: string }>(
  record: LocalRecord | undefined,
  entries: readonly T[],
): T[] {
  const order = new Map(
    childRows(record?.data ?? {}, PHOTO_COLLECTION).map((row, index) => [row.id, index] as const),
  );
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...entries].sort((a, b) => rank(a.id) - rank(b.id) || a.addedAt.localeCompare(b.addedAt));
}
