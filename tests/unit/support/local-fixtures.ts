import 'fake-indexeddb/auto';
import { type LocalDatabase, openLocalDatabase } from '../../../src/local';
import type { FieldValue } from '../../../src/shared/record';

/**
 * A damage report that passes checkSubmission('damageReport'). It carries both the first release's
 * three fields and the full notice's (applicant, address, event), already in normalised form, so the
 * sync tests do not depend on which of the two forms the schema currently describes.
 */
export const VALID_REPORT: Readonly<Record<string, FieldValue>> = {
  propertyType: 'apartment',
  oblast: 'UA63000000000041885',
  description: 'Вибито всі вікна, пошкоджено балкон',
  surname: 'Шевченко',
  givenName: 'Олена',
  patronymic: 'Петрівна',
  rnokpp: '1941106083',
  phone: '+380671234567',
  applicantRole: 'owner',
  propOblast: 'UA32000000000030281',
  propSettlement: 'UA32060050010081797',
  propStreet: 'вул. Героїв України',
  propBuilding: '12',
  propPostCode: '07400',
  area: 54.3,
  eventDate: '2024-03-12',
  cause: 'hostilities',
  damageStatus: 'damaged',
  damagedElements: ['roof', 'windows'],
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
