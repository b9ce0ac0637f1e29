import type { LocalDatabase } from './local-database';
import { META_CLIENT_ID } from './meta-keys';

/** The device profile's client id, made once; the server keys exactly-once delivery on it. */
export async function getClientId(db: LocalDatabase): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get(META_CLIENT_ID);
    if (typeof existing?.value === 'string') return existing.value;
    const clientId = crypto.randomUUID();
    await db.meta.put({ key: META_CLIENT_ID, value: clientId });
    return clientId;
  });
}
