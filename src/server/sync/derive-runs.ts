/**
 * Derived rows of a run (`runs`, `step_executions`), recomputed from ALL of the run's
 * stored events with the shared summarizeRun — the function the phone uses — against the
 * content of the SOP version the run is pinned to. Recomputing from the full event set
 * (not patching with the new events) is what makes late, repeated and out-of-order
 * events give the same result as a perfect stream. A run gets rows only once its
 * run_started is known, since that event names the SOP version. Concurrent batches of
 * one run are serialised by an advisory lock per run (see lockRuns). The work is done per
 * chunk of queued runs (derive-queue.ts), not per run: one lock statement, one load, one
 * version lookup and two writes, however many runs the chunk holds; the writes bind one
 * array per column (unnest-insert.ts), not one value per cell.
 */
import { and, eq, sql } from 'drizzle-orm';
import { RunEvent } from '../../shared/events.ts';
import { foldRun } from '../../shared/fold.ts';
import { type RunSummary, summarizeRun } from '../../shared/run-summary.ts';
import type { Transaction } from '../db/connect.ts';
import { runEvents, runs, stepExecutions } from '../db/schema.ts';
import { replaceExcluded, unnestInsert } from '../db/unnest-insert.ts';
import { readPinnedVersions, versionKey } from './pinned-versions.ts';

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

/** All stored events of the runs, by run, in `seq` order. */
async function loadEvents(tx: Transaction, orgId: string, runIds: string[]): Promise<Map<string, RunEvent[]>> {
  const rows = await tx
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.orgId, orgId), sql`${runEvents.runId} = any(${sql.param(runIds)}::uuid[])`));
  const byRun = new Map<string, RunEvent[]>();
  for (const event of rows.map(toEvent)) {
    const list = byRun.get(event.runId) ?? [];
    list.push(event);
    byRun.set(event.runId, list);
  }
  for (const list of byRun.values()) list.sort((a, b) => a.seq - b.seq);
  return byRun;
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

interface DerivedRun {
  runId: string;
  run: RunRow;
  summary: RunSummary;
}

/** Folds each run against its version's content; runs without run_started (or version) get none. */
async function summarize(tx: Transaction, orgId: string, byRun: Map<string, RunEvent[]>): Promise<DerivedRun[]> {
  const pinned = new Map<string, ReturnType<typeof foldRun>>();
  for (const [runId, events] of byRun) pinned.set(runId, foldRun(events));
  const wanted = [...pinned.values()].flatMap((p) =>
    p.sopId && p.sopVersion !== null ? [{ sopId: p.sopId, version: p.sopVersion }] : [],
  );
  const versions = await readPinnedVersions(tx, orgId, wanted);
  const derived: DerivedRun[] = [];
  for (const [runId, events] of byRun) {
    const state = pinned.get(runId);
    if (!state?.sopId || state.sopVersion === null) continue;
    const version = versions.get(versionKey(state.sopId, state.sopVersion));
    if (!version) continue;
    const summary = summarizeRun(events, version.content);
    const run = runRow(summary);
    if (run) derived.push({ runId, run, summary });
  }
  return derived;
}

/**
 * Writes the derived rows of all runs with two statements, whatever their number: the
 * runs upserted and their old step rows deleted together, then the new step rows.
 */
async function writeRuns(tx: Transaction, orgId: string, derived: DerivedRun[]): Promise<void> {
  if (derived.length === 0) return;
  const runRows = derived.map((d) => ({ orgId, id: d.runId, ...d.run }));
  const runIds = derived.map((d) => d.runId);
  await tx.execute(
    sql`with upserted as (
      ${unnestInsert(runs, runRows)} on conflict (org_id, id) do update set ${replaceExcluded(runs, [runs.orgId, runs.id])}
    )
    delete from step_executions where org_id = ${orgId} and run_id = any(${sql.param(runIds)}::uuid[])`,
  );
  const steps = derived.flatMap((d) => stepRows(orgId, d.runId, d.run, d.summary));
  if (steps.length > 0) await tx.execute(unnestInsert(stepExecutions, steps));
}

/**
 * Serialises the derivation of one run across concurrent pushes. Without it, two batches
 * of the same run committing together could each derive from a view lacking the other's
 * events, and the last writer would leave a stale row. Under READ COMMITTED the events
 * are loaded after the lock is granted, so they include those of the batch that held it.
 * Locks are taken in sorted order so that two batches cannot deadlock.
 */
async function lockRuns(tx: Transaction, orgId: string, runIds: string[]): Promise<void> {
  const keys = runIds.map((runId) => `run:${orgId}:${runId}`);
  // One statement; the subquery sorts the lock keys and the outer scan takes them in that order.
  await tx.execute(
    sql`select pg_advisory_xact_lock(h) from (select hashtextextended(k, 0) as h from unnest(${sql.param(keys)}::text[]) as k order by h) as sorted`,
  );
}

/** Recomputes the derived rows of every run in `runIds` from its stored events. */
export async function deriveRuns(tx: Transaction, orgId: string, runIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(runIds)];
  if (ids.length === 0) return;
  await lockRuns(tx, orgId, ids);
  const derived = await summarize(tx, orgId, await loadEvents(tx, orgId, ids));
  await writeRuns(tx, orgId, derived);
}
