/**
 * The server's epoch: a random value that changes when the server's database is restored
 * from a backup or rebuilt. Every push and pull answer carries it. The first one seen is
 * stored; when a later answer carries another, the server may have lost events it had
 * acknowledged and SOP versions the cursor had passed — so, in one transaction, the new
 * epoch is stored, the pull cursor goes back to the start and every retained acked event
 * (and uploaded photo) becomes pending again. The server inserts idempotently, so giving
 * it events it still has costs a `duplicate`, never a second row.
 */
import { db } from '../db/database.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { markRetainedPending } from './outbox.ts';

/** The pull cursor a device starts from, and returns to when the epoch changes. */
export const INITIAL_CURSOR = '0';

/** Records the epoch of a server answer; true when it differs from the one stored before. */
export async function noteServerEpoch(epoch: string): Promise<boolean> {
  return db.transaction('rw', [db.meta, db.events, db.photos], async () => {
    const known = await getMeta<string>('serverEpoch');
    if (known === epoch) return false;
    await setMeta('serverEpoch', epoch);
    if (known === undefined) return false;
    await setMeta('pullCursor', INITIAL_CURSOR);
    await markRetainedPending();
    return true;
  });
}
