/**
 * Leaving the device: one last attempt to send the events, photos and drafts, then a
 * refusal while unsynced work is not exported (the person exports or discards it
 * explicitly); the server session is closed (offline, the device forgets it anyway) and a
 * "shared device" is wiped.
 */
import { saveWaitingDrafts } from '../editor/draft-sync.ts';
import { canClearDevice, countUnsynced } from '../sync/device-data.ts';
import { syncNow } from '../sync/engine.ts';
import { forgetAccount, isSharedDevice } from './account-store.ts';
import { authApi } from './auth-api.ts';
import { wipeLocalData } from './local-wipe.ts';

export type SignOutOutcome = { ok: true; wiped: boolean } | { ok: false; unsynced: number };

/** One last attempt to send the events, photos and drafts (failures change nothing). */
async function lastSync(): Promise<void> {
  await syncNow().catch(() => undefined);
  await saveWaitingDrafts().catch(() => 0);
}

export async function signOut(): Promise<SignOutOutcome> {
  await lastSync();
  if (!(await canClearDevice())) return { ok: false, unsynced: await countUnsynced() };
  // Offline, the server keeps the session until it expires; the device forgets it now.
  await authApi.signOut();
  const wiped = await isSharedDevice();
  if (wiped) await wipeLocalData();
  await forgetAccount();
  return { ok: true, wiped };
}
