/**
 * Wipes what one person (and their organisation) left on this device: procedures, runs,
 * events, photos, drafts, cursors and the account. Kept: the device's own id and event
 * counter (the server knows this device by them), the language and the "shared device"
 * choice. Callers check first that nothing unsynced would be lost (sync/device-data.ts).
 */
import { db } from '../db/database.ts';
import type { MetaKey } from '../db/types.ts';
import { clearDrafts } from '../editor/draft-store.ts';

const DEVICE_KEYS: ReadonlySet<MetaKey> = new Set([
  'deviceId',
  'nextDeviceSeq',
  'locale',
  'persistAsked',
  'sharedDevice',
]);

export async function wipeLocalData(): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      if (table.name !== db.meta.name) await table.clear();
    }
    await db.meta.filter((row) => !DEVICE_KEYS.has(row.key)).delete();
  });
  await clearDrafts();
}
