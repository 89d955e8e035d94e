/** Typed access to the key/value `meta` table: device identity, cursors, preferences. */
import { uuidv7 } from '../../shared/uuid.ts';
import { db } from './database.ts';
import type { MetaKey } from './types.ts';

export async function getMeta<T>(key: MetaKey): Promise<T | undefined> {
  const row = await db.meta.get(key);
  return row?.value as T | undefined;
}

export async function setMeta(key: MetaKey, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export interface Identity {
  deviceId: string;
  userId: string;
}

/**
 * This device's id and local user id, created on first use. Until accounts exist the
 * device invents its user id; both are UUIDs kept in IndexedDB.
 */
export async function ensureIdentity(): Promise<Identity> {
  return db.transaction('rw', db.meta, async () => {
    let deviceId = await getMeta<string>('deviceId');
    let userId = await getMeta<string>('userId');
    if (!deviceId) {
      deviceId = uuidv7();
      await setMeta('deviceId', deviceId);
    }
    if (!userId) {
      userId = uuidv7();
      await setMeta('userId', userId);
    }
    return { deviceId, userId };
  });
}
