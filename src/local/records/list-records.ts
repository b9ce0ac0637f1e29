import type { LocalDatabase } from '../database/local-database';
import type { LocalRecord } from './local-record';

/** Newest first: the item the person just worked on is the one they look for. */
export async function listRecords(db: LocalDatabase): Promise<LocalRecord[]> {
  return db.records.orderBy('updatedAt').reverse().toArray();
}
