/**
 * recordEvents: the only way a tap becomes data.
 *
 * In ONE read-write transaction it allocates each event's per-run `seq` (next after the
 * run's highest) and per-device `deviceSeq` (the `nextDeviceSeq` counter in meta, gap-free
 * because the counter and the events commit or roll back together), stamps the clocks,
 * validates every event with the shared schema, appends them to the outbox as 'pending'
 * and rewrites the run's derived row by continuing the fold of its earlier events. Callers await it
 * before the screen moves on, so what the technician sees is always already stored.
 */

import * as z from 'zod/mini';
import {
  type EventEnvelope,
  foldOnto,
  foldRun,
  type RunEvent,
  RunEvent as RunEventSchema,
  type RunState,
  uuidv7,
} from '../../shared/index.ts';
import { db } from './database.ts';
import { getMeta, setMeta } from './meta.ts';
import type { EventRow, RunRow } from './types.ts';

/** What a caller says: the type and payload; the envelope is filled in here. */
export type EventDraft = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, keyof EventEnvelope> : never) : never;

/** One random id per page load: with `mono` it tells which monotonic clock a time came from. */
export const pageLoadId = uuidv7().replaceAll('-', '');

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
 * Called in this tab right after a recordEvents commit, with the new events and the run's
 * new row: the run screen shows the next step without reading back what it just wrote
 * (other tabs learn of the change through their live queries).
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

async function nextRunSeq(runId: string): Promise<number> {
  const last = await db.events.where('[runId+seq]').between([runId, -Infinity], [runId, Infinity]).last();
  return last ? last.seq + 1 : 0;
}

function deriveRunRow(state: RunState, previous: RunRow | undefined, now: number): RunRow {
  if (state.runId === null || state.sopId === null || state.sopVersion === null || state.startedAt === null) {
    throw new Error('run_not_started');
  }
  return {
    id: state.runId,
    sopId: state.sopId,
    sopVersion: state.sopVersion,
    training: state.training,
    status: state.status,
    paused: state.paused,
    currentStepId: state.currentStepId,
    startedAt: previous?.startedAt ?? state.startedAt,
    updatedAt: now,
    fold: state,
  };
}

/** Refused because the run moved on (another tab acted) since the caller read it. */
export class RunChangedError extends Error {
  constructor(runId: string) {
    super(`run_changed: ${runId}`);
    this.name = 'RunChangedError';
  }
}

export interface RecordOptions {
  /**
   * The run's last `seq` as the caller's screen showed it. When set and the stored run has
   * moved past it (another tab recorded in between), nothing is stored and the call
   * rejects with RunChangedError: a tap is never applied to a state the user did not see.
   */
  expectedLastSeq?: number;
}

/** Stores `drafts` as the next events of run `runId`; resolves with the stored events. */
export async function recordEvents(
  runId: string,
  drafts: readonly EventDraft[],
  options: RecordOptions = {},
): Promise<RunEvent[]> {
  const { events, run } = await writeEvents(runId, drafts, options).catch((error: unknown) => {
    if (isQuotaError(error)) for (const listener of storageFailureListeners) listener(error);
    throw error;
  });
  for (const listener of recordedListeners) listener(runId, events, run);
  for (const listener of writeListeners) listener();
  return events;
}

function writeEvents(
  runId: string,
  drafts: readonly EventDraft[],
  options: RecordOptions,
): Promise<{ events: RunEvent[]; run: RunRow }> {
  return db.transaction('rw', [db.events, db.runs, db.meta], async () => {
    // The run's stored fold (written in every earlier transaction of this run) knows its
    // last seq, which spares a read of the events; a row without one is folded in full.
    const previous = await db.runs.get(runId);
    const folded = previous?.fold ?? (previous ? foldRun(await eventsOf(runId)) : undefined);
    let seq = folded ? folded.lastSeq + 1 : await nextRunSeq(runId);
    if (options.expectedLastSeq !== undefined && seq - 1 !== options.expectedLastSeq) throw new RunChangedError(runId);
    let deviceSeq = (await getMeta<number>('nextDeviceSeq')) ?? 1;
    const events = drafts.map((draft) =>
      z.parse(RunEventSchema, {
        ...draft,
        id: uuidv7(),
        runId,
        seq: seq++,
        deviceSeq: deviceSeq++,
        v: 1,
        at: Date.now(),
        mono: performance.now(),
        pageLoadId,
      }),
    );
    await db.events.bulkAdd(events.map((e): EventRow => ({ ...e, sync: 'pending' })));
    await setMeta('nextDeviceSeq', deviceSeq);
    // Appended events come after everything stored, so continuing the stored fold gives
    // the full fold's result at a cost that does not grow with the length of the run.
    const state = folded ? foldOnto(folded, events) : foldRun(events);
    const run = deriveRunRow(state, previous, Date.now());
    await db.runs.put(run);
    return { events, run };
  });
}

const eventsOf = (runId: string) => db.events.where('runId').equals(runId).toArray();
