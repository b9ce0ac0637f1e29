import 'fake-indexeddb/auto';
import { type LocalDatabase, openLocalDatabase } from '../../../src/local';
import type { DamageReportDraft } from '../../../src/shared/domain';

/** A damage report that passes DamageReportSchema. */
export const VALID_REPORT: DamageReportDraft = {
  propertyType: 'apartment',
  oblast: 'UA63000000000041885',
  description: 'Вибито всі вікна, пошкоджено балкон',
};

const opened: LocalDatabase[] = [];

/** A new, empty database with a unique name (fake-indexeddb keeps databases for the whole file). */
export function freshDatabase(): LocalDatabase {
  const db = openLocalDatabase(`lastivka-test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

export async function closeAndDeleteAll(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
}

/** Distinct, increasing device times so ordering by updatedAt is deterministic. */
export function clock(start = Date.parse('2025-05-16T08:00:00.000Z')): () => Date {
  let tick = 0;
  return () => new Date(start + 60_000 * tick++);
}
