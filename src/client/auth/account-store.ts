/**
 * The signed-in person as this device knows it, kept in the `meta` table so that a
 * signed-in device keeps working offline for as long as needed:
 *  - `account`: the Account the server last confirmed (sign-in, setup, invite, /me);
 *  - `signInRequired`: the server refused the session (401), or the person signed out.
 *    Everything keeps working on the device; only sync waits for the next sign-in;
 *  - `dataOwner`: whose runs and drafts are on this device. It survives a sign-out that
 *    kept unsynced work, so that work is never picked up under another person's name;
 *  - `sharedDevice`: signing out wipes the device.
 *
 * The page holds a snapshot, read before the first paint (the first screen never waits on
 * the network) and updated at once by every write made here; a live query brings in what
 * other tabs write. Listeners of `onSignedIn` hear every move from "sign-in needed" to
 * "signed in", also from another tab: the sync engine resumes on it.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../../shared/auth.ts';
import { db } from '../db/database.ts';
import { deleteMeta, getMeta, setMeta } from '../db/meta.ts';

export interface AuthState {
  /** False until the device's state was first read. */
  loaded: boolean;
  account: Account | null;
  /** An account is cached but the server wants a new sign-in (sync waits, nothing is lost). */
  expired: boolean;
}

export type DataOwner = Pick<Account, 'id' | 'name' | 'email'>;

let state: AuthState = { loaded: false, account: null, expired: false };
const listeners = new Set<(state: AuthState) => void>();
const signInListeners = new Set<() => void>();

async function readAuth(): Promise<AuthState> {
  const account = await getMeta<Account>('account');
  const required = await getMeta<boolean>('signInRequired');
  return { loaded: true, account: account ?? null, expired: account !== undefined && required === true };
}

const signedIn = (s: AuthState) => s.account !== null && !s.expired;
const sameState = (a: AuthState, b: AuthState) =>
  a.loaded === b.loaded && a.expired === b.expired && JSON.stringify(a.account) === JSON.stringify(b.account);

function publish(next: AuthState): void {
  const previous = state;
  if (sameState(previous, next)) return;
  state = next;
  for (const listener of listeners) listener(state);
  if (previous.loaded && !signedIn(previous) && signedIn(next)) {
    for (const listener of signInListeners) listener();
  }
}

/** The page's current view (synchronous: the first render uses it). */
export function getAuth(): AuthState {
  return state;
}

/** Reads the device's state into the page (before the first paint, and in tests). */
export async function loadAuth(): Promise<AuthState> {
  publish(await readAuth());
  return state;
}

/** The server confirmed who is signed in on this device. */
export async function cacheSignedIn(account: Account): Promise<void> {
  const owner: DataOwner = { id: account.id, name: account.name, email: account.email };
  await db.transaction('rw', db.meta, async () => {
    await setMeta('account', account);
    await setMeta('dataOwner', owner);
    await setMeta('signInRequired', false);
  });
  publish({ loaded: true, account, expired: false });
}

/**
 * GET /api/auth/me answered: the person's current name and role (an owner may have changed
 * it). A session that works also ends an expiry. Another person's answer changes nothing
 * here: switching people goes through the sign-in screen and its checks.
 */
export async function refreshCachedAccount(account: Account): Promise<void> {
  const cached = await getMeta<Account>('account');
  if (cached?.id === account.id) await cacheSignedIn(account);
}

/** The server refused the session: keep everything, sync waits for a sign-in. */
export async function markSignInRequired(): Promise<void> {
  if ((await getMeta<boolean>('signInRequired')) !== true) await setMeta('signInRequired', true);
  publish(await readAuth());
}

/**
 * Every API answer passes here: a 401 other than a wrong password means the session is
 * gone (expired, revoked, or signed out elsewhere).
 */
export async function noteUnauthorized(status: number | undefined, code: string | undefined): Promise<void> {
  if (status === 401 && code !== 'invalid_credentials') await markSignInRequired();
}

/** Sign-out: the device forgets who was signed in (its data stays unless wiped). */
export async function forgetAccount(): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await deleteMeta('account');
    await setMeta('signInRequired', true);
  });
  publish({ loaded: true, account: null, expired: false });
}

export async function isSignInRequired(): Promise<boolean> {
  return (await getMeta<boolean>('signInRequired')) === true;
}

export async function getDataOwner(): Promise<DataOwner | undefined> {
  return getMeta<DataOwner>('dataOwner');
}

export async function isSharedDevice(): Promise<boolean> {
  return (await getMeta<boolean>('sharedDevice')) === true;
}

export async function setSharedDevice(shared: boolean): Promise<void> {
  await setMeta('sharedDevice', shared);
}

/** Called on every move to "signed in" (sign-in, a working session again, another tab). */
export function onSignedIn(listener: () => void): () => void {
  signInListeners.add(listener);
  return () => signInListeners.delete(listener);
}

/** The auth state, re-rendering on every change (this tab's writes and other tabs'). */
export function useAuth(): AuthState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    const subscription = liveQuery(readAuth).subscribe({
      next: publish,
      // Storage that cannot be read: nobody is known to be signed in.
      error: () => publish({ loaded: true, account: null, expired: false }),
    });
    return () => {
      listeners.delete(setCurrent);
      subscription.unsubscribe();
    };
  }, []);
  return current;
}
