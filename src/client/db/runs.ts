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

export interface RunBundle {
  run: RunRow;
  events: RunEvent[];
  version: VersionRow | undefined;
  sop: SopRow | undefined;
}

/** Everything the run screen needs, read in one transaction so the parts agree. */
export async function loadRunBundle(runId: string): Promise<RunBundle | null> {
  return db.transaction('r', [db.runs, db.events, db.versions, db.sops], async () => {
    const run = await db.runs.get(runId);
    if (!run) return null;
    const events = await getRunEvents(runId);
    const version = await db.versions.get([run.sopId, run.sopVersion]);
    const sop = await db.sops.get(run.sopId);
    return { run, events, version, sop };
  });
}
