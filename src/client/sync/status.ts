/**
 * The in-memory part of the sync status (network state, a sync in flight, the last
 * error). Counts and the last successful sync live in IndexedDB and are read live by
 * `useSyncStatus`; this store holds only what exists for the life of the page.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncErrorReason } from './http.ts';

export interface SyncRuntimeState {
  online: boolean;
  syncing: boolean;
  lastError: { reason: SyncErrorReason; status?: number; at: number } | null;
}

type Listener = (state: SyncRuntimeState) => void;

let state: SyncRuntimeState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  lastError: null,
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
