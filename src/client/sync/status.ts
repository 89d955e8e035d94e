/**
 * The in-memory part of the sync status (network state, a sync in flight, the last
 * error, a state that stops sync until the user acts, a failed write for lack of space).
 * Counts and the last successful sync live in IndexedDB and are read live by
 * `useSyncStatus`; this store holds only what exists for the life of the page.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClockWarning } from '../../shared/sync.ts';
import type { SyncErrorReason } from './http.ts';

/** What only the user can clear: an app too old for the server, or an expired sign-in. */
export type SyncBlock = { kind: 'update_required'; minimum: number | null } | { kind: 'sign_in_required' } | null;

export interface SyncRuntimeState {
  online: boolean;
  syncing: boolean;
  lastError: { reason: SyncErrorReason; status?: number; at: number } | null;
  /** When the next automatic attempt is due after a failure (backoff), else null. */
  nextAttemptAt: number | null;
  block: SyncBlock;
  /** A write refused because the device's storage is full (the tap was NOT stored). */
  storageFull: { at: number } | null;
  /** The server found this device's clock wrong on the last push (data still accepted). */
  clockWarning: ClockWarning | null;
}

type Listener = (state: SyncRuntimeState) => void;

let state: SyncRuntimeState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  lastError: null,
  nextAttemptAt: null,
  block: null,
  storageFull: null,
  clockWarning: null,
};
const listeners = new Set<Listener>();

export function getSyncRuntime(): SyncRuntimeState {
  return state;
}

export function updateSyncRuntime(patch: Partial<SyncRuntimeState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener(state);
}

export function subscribeSyncRuntime(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The runtime sync state, re-rendering on every change. */
export function useSyncRuntime(): SyncRuntimeState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    setCurrent(state);
    return subscribeSyncRuntime(setCurrent);
  }, []);
  return current;
}
