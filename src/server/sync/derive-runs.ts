/**
 * Derived rows of a run (`runs`, `step_executions`), recomputed from ALL of the run's
 * stored events with the shared summarizeRun — the function the phone uses — against the
 * content of the SOP version the run is pinned to. Recomputing from the full event set
 * (not patching with the new events) is what makes late, repeated and out-of-order
 * events give the same result as a perfect stream. A run gets rows only once its
 * run_started is known, since that event names the SOP version. Concurrent batches of
 * one run are serialised by an advisory lock per run (see lockRuns).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { RunEvent } from '../../shared/events.ts';
import { foldRun } from '../../shared/fold.ts';
import { type RunSummary, summarizeRun } from '../../shared/run-summary.ts';
import type { SopVersionContent } from '../../shared/sop.ts';
import type { Transaction } from '../db/connect.ts';
import { runEvents, runs, sopVersions, stepExecutions } from '../db/schema.ts';

type EventRow = typeof runEvents.$inferSelect;

/** Rebuilds a stored row into the wire event (validated again: the fold trusts its input). */
const toEvent = (row: EventRow): RunEvent =>
  RunEvent.parse({
    id: row.id,
    runId: row.runId,
    seq: row.seq,
    deviceSeq: row.deviceSeq,
    v: row.v,
    at: row.at,
    mono: row.mono,
    pageLoadId: row.pageLoadId,
    type: row.type,
    payload: row.payload,
  });

async function loadEvents(tx: Transaction, orgId: string, runIds: string[]): Promise<Map<string, RunEvent[]>> {
  const rows = await tx
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.orgId, orgId), inArray(runEvents.runId, runIds)))
    .orderBy(asc(runEvents.runId), asc(runEvents.seq));
  const byRun = new Map<string, RunEvent[]>();
  for (const row of rows) {
    const list = byRun.get(row.runId) ?? [];
    list.push(toEvent(row));
    byRun.set(row.runId, list);
  }
  return byRun;
}

async function versionContent(
  tx: Transaction,
  orgId: string,
  sopId: string,
  version: number,
): Promise<SopVersionContent | undefined> {
  const [row] = await tx
    .select({ content: sopVersions.content })
    .from(sopVersions)
    .where(and(eq(sopVersions.orgId, orgId), eq(sopVersions.sopId, sopId), eq(sopVersions.version, version)));
  return row?.content;
}

type RunRow = Omit<typeof runs.$inferInsert, 'orgId' | 'id'>;

/** The `runs` columns of a summary, or null while the run has no run_started. */
function runRow(summary: RunSummary): RunRow | null {
  const { state } = summary;
  if (state.status === 'not_started' || !state.sopId || state.sopVersion === null) return null;
  if (!state.userId || !state.deviceId) return null;
  return {
    sopId: state.sopId,
    sopVersion: state.sopVersion,
    userId: state.userId,
    deviceId: state.deviceId,
    training: state.training,
    status: state.status,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    durationMs: summary.totalMs,
    activeDurationMs: summary.activeMs,
    flaggedSteps: summary.flaggedSteps,
    errored: summary.errored,
    updatedAt: new Date(),
  };
}

const stepRows = (orgId: string, runId: string, run: RunRow, summary: RunSummary) =>
  summary.steps.map((s, position) => ({
    orgId,
    runId,
    stepId: s.stepId,
    position,
    sopId: run.sopId,
    sopVersion: run.sopVersion,
    userId: run.userId,
    training: run.training,
    runStatus: run.status,
    status: s.status,
    durationMs: s.totalMs,
    activeDurationMs: s.activeMs,
    flagged: s.flagged,
    flagCategories: s.flagCategories,
  }));

async function writeRun(tx: Transaction, orgId: string, runId: string, events: RunEvent[]): Promise<void> {
  const pinned = foldRun(events);
  if (!pinned.sopId || pinned.sopVersion === null) return;
  const content = await versionContent(tx, orgId, pinned.sopId, pinned.sopVersion);
  if (!content) return;
  const summary = summarizeRun(events, content);
  const run = runRow(summary);
  if (!run) return;
  await tx
    .insert(runs)
    .values({ orgId, id: runId, ...run })
    .onConflictDoUpdate({ target: [runs.orgId, runs.id], set: run });
  await tx.delete(stepExecutions).where(and(eq(stepExecutions.orgId, orgId), eq(stepExecutions.runId, runId)));
  const steps = stepRows(orgId, runId, run, summary);
  if (steps.length > 0) await tx.insert(stepExecutions).values(steps);
}

/**
 * Serialises the derivation of one run across concurrent pushes. Without it, two batches
 * of the same run committing together could each derive from a view lacking the other's
 * events, and the last writer would leave a stale row. Under READ COMMITTED the events
 * are loaded after the lock is granted, so they include those of the batch that held it.
 * Locks are taken in sorted order so that two batches cannot deadlock.
 */
async function lockRuns(tx: Transaction, orgId: string, runIds: string[]): Promise<void> {
  for (const runId of [...runIds].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`run:${orgId}:${runId}`}, 0))`);
  }
}

/** Recomputes the derived rows of every run in `runIds` from its stored events. */
export async function deriveRuns(tx: Transaction, orgId: string, runIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(runIds)];
  if (ids.length === 0) return;
  await lockRuns(tx, orgId, ids);
  const byRun = await loadEvents(tx, orgId, ids);
  for (const [runId, events] of byRun) await writeRun(tx, orgId, runId, events);
}
