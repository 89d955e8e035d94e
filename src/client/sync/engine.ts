/**
 * The sync loop: push the outbox, then pull SOP versions.
 *
 * One sync at a time: a module-level promise makes concurrent callers share the sync in
 * flight, and `navigator.locks` (when the browser has it) keeps two tabs of the same
 * device from pushing at once — the second tab simply skips its turn. Triggers: app
 * start, the `online` event, 2 s after a local write (debounced), every 60 s while the
 * page is visible, and the "Sync now" button.
 */
import { ensureIdentity, setMeta } from '../db/meta.ts';
import { onLocalWrite } from '../db/record.ts';
import type { FetchLike, SyncErrorReason } from './http.ts';
import { pullSops } from './pull.ts';
import { pushPending } from './push.ts';
import { updateSyncRuntime } from './status.ts';

export const WRITE_DEBOUNCE_MS = 2_000;
export const INTERVAL_MS = 60_000;
const LOCK_NAME = 'fieldbook-sync';

export type SyncResult = { ok: true } | { ok: false; reason: SyncErrorReason | 'busy'; status?: number };

const defaultFetch: FetchLike = (input, init) => fetch(input, init);
let inFlight: Promise<SyncResult> | null = null;

async function syncOnce(fetchImpl: FetchLike): Promise<SyncResult> {
  const { deviceId } = await ensureIdentity();
  // Push first: the technician's work leaving the phone matters more than new SOPs.
  const pushed = await pushPending(fetchImpl, deviceId);
  const pulled = await pullSops(fetchImpl);
  const failure = !pushed.ok ? pushed : !pulled.ok ? pulled : null;
  if (failure) {
    updateSyncRuntime({ lastError: { reason: failure.reason, status: failure.status, at: Date.now() } });
    return { ok: false, reason: failure.reason, status: failure.status };
  }
  await setMeta('lastSyncAt', Date.now());
  updateSyncRuntime({ lastError: null });
  return { ok: true };
}

function withDeviceLock(run: () => Promise<SyncResult>): Promise<SyncResult> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return run();
  return locks.request(LOCK_NAME, { ifAvailable: true }, (lock) =>
    lock ? run() : Promise.resolve<SyncResult>({ ok: false, reason: 'busy' }),
  );
}

/** Runs one sync now, or joins the one already running. */
export function syncNow(fetchImpl: FetchLike = defaultFetch): Promise<SyncResult> {
  if (inFlight) return inFlight;
  updateSyncRuntime({ syncing: true });
  inFlight = withDeviceLock(() => syncOnce(fetchImpl))
    .catch((): SyncResult => ({ ok: false, reason: 'offline' }))
    .finally(() => {
      inFlight = null;
      updateSyncRuntime({ syncing: false });
    });
  return inFlight;
}

/** Starts every sync trigger; returns a function that stops them all. */
export function startSyncLoop(fetchImpl: FetchLike = defaultFetch): () => void {
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const run = () => void syncNow(fetchImpl);
  const goOnline = () => {
    updateSyncRuntime({ online: true });
    run();
  };
  const goOffline = () => updateSyncRuntime({ online: false });
  const whenVisible = () => {
    if (document.visibilityState === 'visible') run();
  };
  const stopWrites = onLocalWrite(() => {
    clearTimeout(debounce);
    debounce = setTimeout(run, WRITE_DEBOUNCE_MS);
  });
  const interval = setInterval(whenVisible, INTERVAL_MS);
  window.addEventListener('online', goOnline);
  window.addEventListener('offline', goOffline);
  run();
  return () => {
    stopWrites();
    clearTimeout(debounce);
    clearInterval(interval);
    window.removeEventListener('online', goOnline);
    window.removeEventListener('offline', goOffline);
  };
}
