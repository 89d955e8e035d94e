/**
 * recordEvents: the only way a tap becomes data. It stores the tap's events in one
 * transaction (append.ts: numbering, validation, the run's derived row) and tells this
 * tab's listeners. Callers await it before the screen moves on, so what the technician
 * sees is always already stored.
 */
import type { RunEvent } from '../../shared/index.ts';
import { appendEvents, type EventDraft, type RecordOptions } from './append.ts';
import type { RunRow } from './types.ts';

export { type EventDraft, pageLoadId, type RecordOptions, RunChangedError } from './append.ts';

type WriteListener = () => void;
const writeListeners = new Set<WriteListener>();

/** Called after every committed local write (the sync loop schedules a push from it). */
export function onLocalWrite(listener: WriteListener): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

type RecordedListener = (runId: string, events: readonly RunEvent[], run: RunRow) => void;
const recordedListeners = new Set<RecordedListener>();

/**
 * Called in this tab the moment a recordEvents transaction commits, with the new events and
 * the run's new row: the run screen shows the next step without reading back what it just
 * wrote (other tabs learn of the change through their live queries). It is called from the
 * transaction's `complete` event, ahead of Dexie's own handling of it (append.ts): the
 * next step is rendered before Dexie wakes this tab's live queries for the same write.
 */
export function onRecorded(listener: RecordedListener): () => void {
  recordedListeners.add(listener);
  return () => recordedListeners.delete(listener);
}

type StorageFailureListener = (error: unknown) => void;
const storageFailureListeners = new Set<StorageFailureListener>();

/**
 * Called when a write fails because the device is out of storage. The error is still
 * thrown to the caller (the tap did not happen); this only lets the status show it.
 */
export function onStorageFailure(listener: StorageFailureListener): () => void {
  storageFailureListeners.add(listener);
  return () => storageFailureListeners.delete(listener);
}

/** True for a quota error, also when Dexie wraps it in an AbortError. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner;
  }
  return false;
}

/** Stores `drafts` as the next events of run `runId`; resolves with the stored events. */
export async function recordEvents(
  runId: string,
  drafts: readonly EventDraft[],
  options: RecordOptions = {},
): Promise<RunEvent[]> {
  const tell = (events: readonly RunEvent[], run: RunRow) => {
    for (const listener of recordedListeners) listener(runId, events, run);
  };
  const { events, announce } = await appendEvents(runId, drafts, options, tell).catch((error: unknown) => {
    if (isQuotaError(error)) for (const listener of storageFailureListeners) listener(error);
    throw error;
  });
  announce();
  for (const listener of writeListeners) listener();
  return events;
}
