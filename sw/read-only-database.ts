// The service worker reads the app's databases with raw IndexedDB and never writes them: Dexie in the
// data worker stays their only writer, so the outbox's transactional bookkeeping exists once. Nothing
// here opens a readwrite transaction, and opening never creates or upgrades a database.

/** The database as it stands, or undefined when there is none. */
export async function openExistingDatabase(
  name: string,
  factory: IDBFactory = indexedDB,
): Promise<IDBDatabase | undefined> {
  if (typeof factory.databases === 'function') {
    const known = await factory.databases();
    if (!known.some((info) => info.name === name)) return undefined;
  }
  return new Promise((resolve, reject) => {
    // No version: the database opens as it is. Only a missing one (where databases() is not there to
    // say so) gets an upgrade, which is aborted so an empty database is never left behind.
    const request = factory.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      // The data worker upgrading its schema (after an app update) must not wait for us.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => {
      if (request.error?.name === 'AbortError') resolve(undefined);
      else reject(request.error);
    };
  });
}

/** One read in its own readonly transaction. */
export function readFrom<T>(
  db: IDBDatabase,
  storeName: string,
  read: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = read(db.transaction(storeName, 'readonly').objectStore(storeName));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}
