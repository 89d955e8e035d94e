/**
 * Taking the device for a person the server has just confirmed (sign-in, setup, invite
 * acceptance). The same person as before: the cached account is refreshed and sync
 * resumes with everything that waited. Another person: the previous person's unsynced
 * work must neither be sent under the new session (the server refuses it) nor
 * re-attributed, so while any of it is not exported the switch is refused and the server
 * session just opened is closed again; when it is all exported (or there is none) the
 * device is wiped of the previous person's data first.
 */
import type { Account } from '../../shared/auth.ts';
import { canClearDevice, countUnsynced, unsyncedRunOwners } from '../sync/device-data.ts';
import { cacheSignedIn, type DataOwner, getDataOwner, setSharedDevice } from './account-store.ts';
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
