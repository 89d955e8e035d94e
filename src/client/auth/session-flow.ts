/**
 * Taking the device for a person, and leaving it.
 *
 * Sign-in (also setup and invite acceptance) ends here once the server has confirmed who
 * it is. The same person as before: the cached account is refreshed and sync resumes
 * with everything that waited. Another person: the previous person's unsynced work must
 * neither be sent under the new session (the server refuses it) nor re-attributed, so
 * while any of it is not exported the switch is refused and the server session just
 * opened is closed again; when it is all exported (or there is none) the device is wiped
 * of the previous person's data first.
 *
 * Sign-out makes one last sync attempt, then refuses while unsynced work is not exported
 * (the user exports or discards it explicitly); a "shared device" is wiped.
 */
import type { Account } from '../../shared/auth.ts';
import { saveWaitingDrafts } from '../editor/draft-sync.ts';
import { canClearDevice, countUnsynced, unsyncedRunOwners } from '../sync/device-data.ts';
import { syncNow } from '../sync/engine.ts';
import {
  cacheSignedIn,
  type DataOwner,
  forgetAccount,
  getDataOwner,
  isSharedDevice,
  setSharedDevice,
} from './account-store.ts';
import { authApi } from './auth-api.ts';
import { wipeLocalData } from './local-wipe.ts';

export type SignInOutcome =
  | { ok: true }
  /** Someone else's work waits on this device; `owner` is null when the device does not know their name. */
  | { ok: false; owner: DataOwner | null; unsynced: number };

export async function completeSignIn(
  account: Account,
  options: { sharedDevice?: boolean } = {},
): Promise<SignInOutcome> {
  const owner = await getDataOwner();
  const previousPerson = owner !== undefined && owner.id !== account.id;
  const othersWork = [...(await unsyncedRunOwners())].some((id) => id !== account.id);
  if (previousPerson || othersWork) {
    if (!(await canClearDevice())) {
      await authApi.signOut();
      return { ok: false, owner: previousPerson ? owner : null, unsynced: await countUnsynced() };
    }
    await wipeLocalData();
  }
  if (options.sharedDevice !== undefined) await setSharedDevice(options.sharedDevice);
  await cacheSignedIn(account);
  return { ok: true };
}

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
