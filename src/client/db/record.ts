/**
 * recordEvents: the only way a tap becomes data.
 *
 * In ONE read-write transaction it allocates each event's per-run `seq` (next after the
 * run's highest) and per-device `deviceSeq` (the `nextDeviceSeq` counter in meta, gap-free
 * because the counter and the events commit or roll back together), stamps the clocks,
 * validates every event with the shared schema, appends them to the outbox as 'pending'
 * and rewrites the run's derived row from the fold of all its events. Callers await it
 * before the screen moves on, so what the technician sees is always already stored.
 */
import { type EventEnvelope, foldRun, type RunEvent, RunEvent as RunEventSchema, uuidv7 } from '../../shared/index.ts';
import { db } from './database.ts';
import { getMeta, setMeta } from './meta.ts';
import type { EventRow, RunRow } from './types.ts';
import * as z from 'zod/mini';

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

async function nextRunSeq(runId: string): Promise<number> {
  const last = await db.events.where('[runId+seq]').between([runId, -Infinity], [runId, Infinity]).last();
  return last ? last.seq + 1 : 0;
}

function deriveRunRow(events: readonly RunEvent[], previous: RunRow | undefined, now: number): RunRow {
  const state = foldRun(events);
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
  };
}

/** Stores `drafts` as the next events of run `runId`; resolves with the stored events. */
export async function recordEvents(runId: string, drafts: readonly EventDraft[]): Promise<RunEvent[]> {
  const stored = await db.transaction('rw', [db.events, db.runs, db.meta], async () => {
    let seq = await nextRunSeq(runId);
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
    const all = await db.events.where('runId').equals(runId).toArray();
    const previous = await db.runs.get(runId);
    await db.runs.put(deriveRunRow(all, previous, Date.now()));
    return events;
  });
  for (const listener of writeListeners) listener();
  return stored;
}
