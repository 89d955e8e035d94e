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

export async function deleteMeta(key: MetaKey): Promise<void> {
  await db.meta.delete(key);
}

export interface Identity {
  deviceId: string;
  userId: string;
}

/**
 * This device's id (created on first use) and the person who acts on it: the signed-in
 * account's id. Before accounts existed the device invented a user id; it is still made
 * (and kept) for a device that has never been signed in, so old rows keep their owner,
 * but a signed-in device always gives the account's id.
 */
export async function ensureIdentity(): Promise<Identity> {
  return db.transaction('rw', db.meta, async () => {
    let deviceId = await getMeta<string>('deviceId');
    if (!deviceId) {
      deviceId = uuidv7();
      await setMeta('deviceId', deviceId);
    }
    const account = await getMeta<{ id: string }>('account');
    if (account) return { deviceId, userId: account.id };
    let userId = await getMeta<string>('userId');
    if (!userId) {
      userId = uuidv7();
      await setMeta('userId', userId);
    }
    return { deviceId, userId };
  });
}
