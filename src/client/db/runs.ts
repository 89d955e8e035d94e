/** Repository of runs and their events as this device stored them. */
import type { RunEvent } from '../../shared/index.ts';
import { db } from './database.ts';
import type { EventRow, RunRow, SopRow, VersionRow } from './types.ts';

export async function getRun(runId: string): Promise<RunRow | undefined> {
  return db.runs.get(runId);
}

/** A run's events in per-run order. */
export async function getRunEvents(runId: string): Promise<EventRow[]> {
  return db.events.where('[runId+seq]').between([runId, -Infinity], [runId, Infinity]).toArray();
}

/** Runs in progress on this device, most recently touched first. */
export async function listRunsInProgress(): Promise<RunRow[]> {
  const rows = await db.runs.where('status').equals('in_progress').toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** The in-progress run of a SOP on this device, if any (a SOP is resumed, not started twice). */
export async function findRunInProgress(sopId: string): Promise<RunRow | undefined> {
  const rows = await db.runs.where('sopId').equals(sopId).toArray();
  return rows.filter((r) => r.status === 'in_progress').sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/** A run's events after `afterSeq`, in order: a screen holding the earlier ones reads only what is new. */
export async function getRunEventsAfter(runId: string, afterSeq: number): Promise<EventRow[]> {
  return db.events
    .where('[runId+seq]')
    .between([runId, afterSeq + 1], [runId, Infinity])
    .toArray();
}

export interface RunHead {
  run: RunRow;
  version: VersionRow | undefined;
  sop: SopRow | undefined;
}

/**
 * The run's derived row with its pinned version and SOP: small, and rewritten by every
 * recordEvents of the run, so a live query of it wakes on each new event of the run.
 * `known` is the head the caller already holds: a run never changes the version it is
 * pinned to, so once that version and its SOP are held only the run row is read again
 * (a live query then tracks the run alone, and the SOP's title follows at the next tap).
 */
export async function loadRunHead(runId: string, known?: RunHead | null): Promise<RunHead | null> {
  return db.transaction('r', [db.runs, db.versions, db.sops], async () => {
    const run = await db.runs.get(runId);
    if (!run) return null;
    if (known?.version && known.sop && known.version.sopId === run.sopId && known.version.version === run.sopVersion) {
      return { run, version: known.version, sop: known.sop };
    }
    const [version, sop] = await Promise.all([db.versions.get([run.sopId, run.sopVersion]), db.sops.get(run.sopId)]);
    return { run, version, sop };
  });
}

/** Everything the run screen shows: the head and all of the run's events (ui/run/use-run-bundle.ts). */
export interface RunBundle {
  run: RunRow;
  events: RunEvent[];
  version: VersionRow | undefined;
  sop: SopRow | undefined;
}

/**
 * When this device last worked on each SOP: the latest start among its runs (any status).
 * "Recently used first" in the list is derived from the runs table, so it needs no extra
 * bookkeeping and survives a reinstall of the app shell.
 */
export async function lastRunAtBySop(): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  await db.runs.each((run) => {
    const known = latest.get(run.sopId);
    if (known === undefined || run.startedAt > known) latest.set(run.sopId, run.startedAt);
  });
  return latest;
}
