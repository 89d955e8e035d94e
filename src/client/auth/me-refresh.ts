/**
 * After the first paint, the page asks the server who its session belongs to. The screen
 * never waits for it (the cached account is shown at once, online or not): 200 refreshes
 * the cached account (an owner may have changed the role), 401 marks the session as
 * needing a sign-in (auth-api does that for every call), a network error changes nothing.
 */
import { getAuth, refreshCachedAccount } from './account-store.ts';
import { authApi } from './auth-api.ts';

export async function refreshAccount(): Promise<void> {
  if (!getAuth().account) return;
  const result = await authApi.me();
  if (result.ok) await refreshCachedAccount(result.value.account);
}
