/**
 * appendEvents: one tap's events stored as the next events of a run, in ONE read-write
 * transaction (recordEvents, in record.ts, is the only caller).
 *
 * It allocates each event's per-run `seq` (next after the run's highest) and per-device
 * `deviceSeq` (the `nextDeviceSeq` counter in meta, gap-free because the counter and the
 * events commit or roll back together), stamps the clocks, validates every event with the
 * shared schema, appends them to the outbox as 'pending' and rewrites the run's derived
 * row by continuing the fold of its earlier events.
 *
 * Each await inside the transaction is a round trip to the browser's database process,
 * which a throttled phone pays in milliseconds, so a tap costs one round trip when it can:
 * - known run (this tab made the run's last write, the usual case of a technician
 *   tapping through steps): the events are built from what that write left, and the two
 *   reads that check it still holds (the device counter, which every event of every tab
 *   moves on, and the run row's key) are queued in the same breath as the writes. A transaction applies its requests in order, so the reads
 *   see the state before the writes; if another tab (or a sync, a wipe) changed either,
 *   the transaction is aborted — nothing of it is stored — and the tap goes the long way.
 * - otherwise: read the row and the counter together, then queue the writes together.
 */
import { Dexie } from 'dexie';
import * as z from 'zod/mini';
import {
  continueFold,
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

/** What this tab's last committed write left: the next tap of the same run builds on it. */
let lastWrite: { run: RunRow & { fold: RunState }; nextDeviceSeq: number } | null = null;

/** The stored run or device counter is not what this tab last wrote: the optimistic write is undone. */
class StaleLastWrite extends Error {}

/**
 * Stores `drafts` as the next events of run `runId`. `onCommit` is called once with what
 * was stored, at the commit when the transaction's `complete` event can be seen first, else
 * by the returned `announce`, which the caller calls once the promise has resolved.
 */
export async function appendEvents(
  runId: string,
  drafts: readonly EventDraft[],
  options: RecordOptions,
  onCommit: OnCommit,
): Promise<Appended> {
  const known = lastWrite?.run.id === runId ? lastWrite : null;
  lastWrite = null;
  const expected = options.expectedLastSeq;
  let written: Appended | undefined;
  if (known && (expected === undefined || expected === known.run.fold.lastSeq)) {
    written = await appendToLastWrite(known, drafts, onCommit).catch((error: unknown) => {
      if (error instanceof StaleLastWrite) return undefined;
      throw error;
    });
  }
  written ??= await appendAfterReading(runId, drafts, options, onCommit);
  const { run, nextDeviceSeq } = written;
  if (run.fold) lastWrite = { run: { ...run, fold: run.fold }, nextDeviceSeq };
  return written;
}

export type OnCommit = (events: readonly RunEvent[], run: RunRow) => void;

export interface Appended {
  events: RunEvent[];
  run: RunRow;
  nextDeviceSeq: number;
  /** Calls `onCommit`, unless it was called at the commit already. */
  announce: () => void;
}

/**
 * Calls `onCommit` when the current transaction commits. A transaction's
 * `complete` event travels on to its connection, and a capturing listener there runs
 * before any listener of the transaction itself (Dexie's among them). Returns what to
 * call once the transaction promise has resolved: it announces the write if the event
 * was not seen (an IndexedDB that does not propagate it), so listeners are always told once.
 */
function announceOnCommit(onCommit: OnCommit, events: readonly RunEvent[], run: RunRow): () => void {
  let announced = false;
  const once = () => {
    if (announced) return;
    announced = true;
    onCommit(events, run);
  };
  const idbtrans = Dexie.currentTransaction?.idbtrans;
  const connection = idbtrans?.db;
  if (!idbtrans || !connection) return once;
  const onComplete = (event: Event) => {
    if (event.target !== idbtrans) return;
    connection.removeEventListener('complete', onComplete, true);
    once();
  };
  connection.addEventListener('complete', onComplete, true);
  idbtrans.addEventListener('abort', () => connection.removeEventListener('complete', onComplete, true));
  return () => {
    connection.removeEventListener('complete', onComplete, true);
    once();
  };
}

/** One round trip: writes built from `known`, queued with the reads that confirm it. */
function appendToLastWrite(known: NonNullable<typeof lastWrite>, drafts: readonly EventDraft[], onCommit: OnCommit) {
  return db.transaction('rw', [db.events, db.runs, db.meta], async () => {
    // continueFold copies: the row held by this tab's screen must not change before this commits.
    const { events, nextDeviceSeq } = stamp(known.run.id, drafts, known.run.fold.lastSeq + 1, known.nextDeviceSeq);
    const run = deriveRunRow(continueFold(known.run.fold, events), known.run, Date.now());
    // Every event any tab records takes a number from the device counter, so an unchanged
    // counter and a run row still there mean the run is as this tab left it (the check
    // reads the row's key, not its fold).
    const requests = Promise.all([
      db.runs.where(':id').equals(run.id).count(),
      getMeta<number>('nextDeviceSeq'),
      ...writes(events, nextDeviceSeq, run),
    ]);
    const announce = announceOnCommit(onCommit, events, run);
    const [rows, storedDeviceSeq] = await requests;
    const unchanged = rows === 1 && storedDeviceSeq === known.nextDeviceSeq;
    if (!unchanged) throw new StaleLastWrite();
    return { events, run, nextDeviceSeq, announce };
  });
}

/** Two round trips: read the run row and the device counter, then write. */
function appendAfterReading(runId: string, drafts: readonly EventDraft[], options: RecordOptions, onCommit: OnCommit) {
  return db.transaction('rw', [db.events, db.runs, db.meta], async () => {
    const [previous, storedDeviceSeq] = await Promise.all([db.runs.get(runId), getMeta<number>('nextDeviceSeq')]);
    // The run's stored fold (written in every earlier transaction of this run) knows its
    // last seq, which spares a read of the events; a row without one is folded in full.
    const folded = previous?.fold ?? (previous ? foldRun(await eventsOf(runId)) : undefined);
    const seq = folded ? folded.lastSeq + 1 : await nextRunSeq(runId);
    if (options.expectedLastSeq !== undefined && seq - 1 !== options.expectedLastSeq) throw new RunChangedError(runId);
    const { events, nextDeviceSeq } = stamp(runId, drafts, seq, storedDeviceSeq ?? 1);
    // Appended events come after everything stored, so continuing the stored fold gives
    // the full fold's result at a cost that does not grow with the length of the run.
    const state = folded ? foldOnto(folded, events) : foldRun(events);
    const run = deriveRunRow(state, previous, Date.now());
    const requests = Promise.all(writes(events, nextDeviceSeq, run));
    const announce = announceOnCommit(onCommit, events, run);
    await requests;
    return { events, run, nextDeviceSeq, announce };
  });
}

/** The envelope of each draft (numbers from `seq` and `deviceSeq` on), validated. */
function stamp(runId: string, drafts: readonly EventDraft[], seq: number, deviceSeq: number) {
  const events = drafts.map((draft, i) =>
    z.parse(RunEventSchema, {
      ...draft,
      id: uuidv7(),
      runId,
      seq: seq + i,
      deviceSeq: deviceSeq + i,
      v: 1,
      at: Date.now(),
      mono: performance.now(),
      pageLoadId,
    }),
  );
  return { events, nextDeviceSeq: deviceSeq + drafts.length };
}

/** The three writes of a tap, queued together (applied in order, committed all or none). */
function writes(events: readonly RunEvent[], nextDeviceSeq: number, run: RunRow): Promise<unknown>[] {
  return [
    db.events.bulkAdd(events.map((e): EventRow => ({ ...e, sync: 'pending' }))),
    setMeta('nextDeviceSeq', nextDeviceSeq),
    db.runs.put(run),
  ];
}

const eventsOf = (runId: string) => db.events.where('runId').equals(runId).toArray();
