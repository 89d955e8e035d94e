/**
 * Derived rows of a run (`runs`, `step_executions`), recomputed from ALL of the run's
 * stored events with the shared summarizeRun — the function the phone uses — against the
 * content of the SOP version the run is pinned to. Recomputing from the full event set
 * (not patching with the new events) is what makes late, repeated and out-of-order
 * events give the same result as a perfect stream. A run gets rows only once its
 * run_started is known, since that event names the SOP version. Concurrent batches of
 * one run are serialised by an advisory lock per run (see lockRuns). The work is done per
 * batch, not per run: one lock statement, one load, one version lookup and three writes,
 * however many runs the batch touches.
 */
import { and, eq, getTableColumns, inArray, notInArray, sql } from 'drizzle-orm';
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

/**
 * All stored events of the runs, by run, in `seq` order. `known` are events of these runs
 * already validated in memory (the batch just stored): they are not read back nor parsed
 * again, which is most of the work when a batch brings whole runs.
 */
async function loadEvents(
  tx: Transaction,
  orgId: string,
  runIds: string[],
  known: readonly RunEvent[],
): Promise<Map<string, RunEvent[]>> {
  const knownIds = known.map((e) => e.id);
  const rows = await tx
    .select()
    .from(runEvents)
    .where(
      and(
        eq(runEvents.orgId, orgId),
        inArray(runEvents.runId, runIds),
        knownIds.length > 0 ? notInArray(runEvents.id, knownIds) : undefined,
      ),
    );
  const byRun = new Map<string, RunEvent[]>();
  for (const event of [...rows.map(toEvent), ...known]) {
    const list = byRun.get(event.runId) ?? [];
    list.push(event);
    byRun.set(event.runId, list);
  }
  for (const list of byRun.values()) list.sort((a, b) => a.seq - b.seq);
  return byRun;
}

const versionKey = (sopId: string, version: number) => `${sopId}@${version}`;

/** The content of every SOP version the runs are pinned to, in one query. */
async function versionContents(
  tx: Transaction,
  orgId: string,
  pinned: Iterable<{ sopId: string; version: number }>,
): Promise<Map<string, SopVersionContent>> {
  const wanted = new Map([...pinned].map((p) => [versionKey(p.sopId, p.version), p]));
  if (wanted.size === 0) return new Map();
  const rows = await tx
    .select({ sopId: sopVersions.sopId, version: sopVersions.version, content: sopVersions.content })
    .from(sopVersions)
    .where(
      and(
        eq(sopVersions.orgId, orgId),
        inArray(sopVersions.sopId, [...new Set([...wanted.values()].map((p) => p.sopId))]),
      ),
    );
  return new Map(
    rows
      .filter((r) => wanted.has(versionKey(r.sopId, r.version)))
      .map((r) => [versionKey(r.sopId, r.version), r.content]),
  );
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
  const versions = [...pinned.values()].flatMap((p) =>
    p.sopId && p.sopVersion !== null ? [{ sopId: p.sopId, version: p.sopVersion }] : [],
  );
  const contents = await versionContents(tx, orgId, versions);
  const derived: DerivedRun[] = [];
  for (const [runId, events] of byRun) {
    const state = pinned.get(runId);
    if (!state?.sopId || state.sopVersion === null) continue;
    const content = contents.get(versionKey(state.sopId, state.sopVersion));
    if (!content) continue;
    const summary = summarizeRun(events, content);
    const run = runRow(summary);
    if (run) derived.push({ runId, run, summary });
  }
  return derived;
}

/** `col = excluded.col` for every column of a run row: the upsert replaces the derived values. */
const replaceRunColumns = Object.fromEntries(
  Object.entries(getTableColumns(runs))
    .filter(([key]) => key !== 'orgId' && key !== 'id')
    .map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
);

/** Writes the derived rows of all runs with three statements, whatever their number. */
async function writeRuns(tx: Transaction, orgId: string, derived: DerivedRun[]): Promise<void> {
  if (derived.length === 0) return;
  await tx
    .insert(runs)
    .values(derived.map((d) => ({ orgId, id: d.runId, ...d.run })))
    .onConflictDoUpdate({ target: [runs.orgId, runs.id], set: replaceRunColumns });
  const runIds = derived.map((d) => d.runId);
  await tx.delete(stepExecutions).where(and(eq(stepExecutions.orgId, orgId), inArray(stepExecutions.runId, runIds)));
  const steps = derived.flatMap((d) => stepRows(orgId, d.runId, d.run, d.summary));
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
  const keys = sql.join(
    runIds.map((runId) => sql`${`run:${orgId}:${runId}`}`),
    sql`, `,
  );
  // One statement; the subquery sorts the lock keys and the outer scan takes them in that order.
  await tx.execute(
    sql`select pg_advisory_xact_lock(h) from (select hashtextextended(k, 0) as h from unnest(array[${keys}]::text[]) as k order by h) as sorted`,
  );
}

/**
 * Recomputes the derived rows of every run in `runIds` from its stored events; `stored`
 * are events of those runs this transaction has just stored (already validated).
 */
export async function deriveRuns(
  tx: Transaction,
  orgId: string,
  runIds: Iterable<string>,
  stored: readonly RunEvent[] = [],
): Promise<void> {
  const ids = [...new Set(runIds)];
  if (ids.length === 0) return;
  await lockRuns(tx, orgId, ids);
  const byRun = await loadEvents(tx, orgId, ids, stored);
  await writeRuns(tx, orgId, await summarize(tx, orgId, byRun));
}
