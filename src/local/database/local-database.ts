import Dexie, { type EntityTable } from 'dexie';
import type { PhotoEntry } from '../photos/photo-entry';
import type { LocalRecord } from '../records/local-record';
import type { OutboxEntry } from '../sync/outbox-entry';
import { DATABASE_NAME } from './database-name';
import { upgradeQueuedMutation } from './upgrade-queued-mutation';

export interface MetaEntry {
  key: string;
  value: unknown;
}

export type LocalDatabase = Dexie & {
  records: EntityTable<LocalRecord, 'id'>;
  outbox: EntityTable<OutboxEntry, 'mutationId'>;
  meta: EntityTable<MetaEntry, 'key'>;
  photos: EntityTable<PhotoEntry, 'id'>;
};

/**
 * Opens the device database. "Saved" in the interface means committed here with strict durability:
 * Chromium's default "relaxed" mode acknowledges a write before it reaches the disk, and a phone that
 * loses power a moment later would lose the form the person was told is safe.
 */
export function openLocalDatabase(name = DATABASE_NAME, indexedDB?: IDBFactory): LocalDatabase {
  const options: ConstructorParameters<typeof Dexie>[1] = { chromeTransactionDurability: 'strict' };
  if (indexedDB) {
    options.indexedDB = indexedDB;
    options.IDBKeyRange = (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
  }
  const db = new Dexie(name, options) as LocalDatabase;
  // Every version stays listed: Dexie upgrades an old phone through each step in order.
  db.version(1).stores({
    records: 'id, state, updatedAt',
    outbox: 'mutationId, recordId',
    meta: 'key',
  });
  // Protocol 2 names the intent `record/submit` and carries a flat field map. Items queued by the
  // previous release are rewritten here, in the upgrade transaction, so an app update never strands
  // or drops them.
  db.version(2)
    .stores({})
    .upgrade((tx) =>
      tx
        .table('outbox')
        .toCollection()
        .modify((entry: { mutation: Record<string, unknown> }) => {
          entry.mutation = upgradeQueuedMutation(entry.mutation);
        }),
    );
  // Evidence photos: the shrunk JPEG and its thumbnail as Blobs, one row per photo of a record.
  db.version(3).stores({ photos: 'id, recordId, sha256' });
  // Photos travel after their record: uploadedAt (unset until the server holds the bytes) is indexed
  // so what is still to send is found without reading every picture.
  db.version(4).stores({ photos: 'id, recordId, sha256, uploadedAt' });
  return db;
}

export { DATABASE_NAME };
