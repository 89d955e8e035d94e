/**
 * The bridge to the service worker (production builds only). First install → "Ready to
 * work offline". A new version waiting → the prompt offers a reload; on tap we ask the
 * waiting worker to take over (`{type:'SKIP_WAITING'}`) and reload once it controls the
 * page. The prompt never applies an update while a run is in progress on this page.
 */
import { Workbox } from 'workbox-window';

export type UpdateState = 'none' | 'offline-ready' | 'update-waiting';
type Listener = (state: UpdateState) => void;

let state: UpdateState = 'none';
let workbox: Workbox | null = null;
const listeners = new Set<Listener>();

/** Sets the update state and tells the prompt (the Workbox events call it; tests may too). */
export function reportUpdateState(next: UpdateState): void {
  state = next;
  for (const listener of listeners) listener(next);
}

export function getUpdateState(): UpdateState {
  return state;
}

export function subscribeUpdateState(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function dismissUpdateNotice(): void {
  if (state === 'offline-ready') reportUpdateState('none');
}

/** Registers /sw.js when the build is a production one and the browser supports it. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || workbox) return;
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('installed', (event) => {
    if (!event.isUpdate) reportUpdateState('offline-ready');
  });
  workbox.addEventListener('waiting', () => reportUpdateState('update-waiting'));
  void workbox.register();
}

/** Lets the waiting worker take over, then reloads once it controls this page. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

/** Asks once per device that the browser keep our data under storage pressure. */
export async function requestPersistentStorage(alreadyAsked: boolean): Promise<boolean> {
  if (alreadyAsked || typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  await navigator.storage.persist().catch(() => false);
  return true;
}
