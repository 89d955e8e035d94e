/**
 * Owner analytics over derived rows (the server's `runs` and `step_executions`), exactly
 * as design.md defines the metrics. The server computes the same numbers in SQL
 * (percentile_cont); tests hold the two to equality, so these functions are the contract.
 *
 * - Duration statistics, step statistics and outliers use completed runs only (aborted
 *   runs never enter duration statistics; a run still in progress has no duration).
 * - Error rate = errored completed runs / completed runs; first-pass yield = 1 − error
 *   rate; abandon rate = aborted / (completed + aborted). A rate with no denominator is
 *   null, not 0: "no data" must not read as "no errors".
 * - Step table: executions of the step in completed runs; share of the run = step median
 *   / run median; step error rate = flagged executions / executions. The bottleneck is
 *   the step with the largest share (ties: the earlier step).
 * - Outlier run: duration > Q3 + 1.5·IQR of the runs of its SOP version.
 * - Weeks start on Monday 00:00 UTC (ISO weeks, as PostgreSQL's date_trunc('week')).
 */
import { percentile } from './percentile.ts';

export type RunStatus = 'in_progress' | 'completed' | 'aborted';

/** One row of `runs`, as analytics reads it. */
export interface RunFact {
  id: string;
  sopId: string;
  sopVersion: number;
  userId: string;
  training: boolean;
  status: RunStatus;
  startedAt: number | null;
  durationMs: number | null;
  activeDurationMs: number | null;
  errored: boolean;
}

/** One row of `step_executions`, as analytics reads it. */
export interface StepFact {
  runId: string;
  stepId: string;
  position: number;
  sopVersion: number;
  runStatus: RunStatus;
  durationMs: number;
  activeDurationMs: number;
  flagged: boolean;
  flagCategories: string[];
}

export interface DurationStats {
  completed: number;
  aborted: number;
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
  activeMedianMs: number | null;
  activeP90Ms: number | null;
  activeMeanMs: number | null;
}

export interface OutcomeRates {
  completed: number;
  aborted: number;
  errored: number;
  errorRate: number | null;
  firstPassYield: number | null;
  abandonRate: number | null;
}

export interface StepRow {
  stepId: string;
  executions: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Step median / run median; null when the run median is unknown or zero. */
  share: number | null;
  flagged: number;
  errorRate: number | null;
  /** Number of executions flagged in each category. */
  flagsByCategory: Record<string, number>;
}

export interface StepTable {
  steps: StepRow[];
  bottleneck: string | null;
}

export interface OutlierRun {
  runId: string;
  sopVersion: number;
  durationMs: number;
  fenceMs: number;
}

export interface WeekPoint {
  /** Monday 00:00 UTC of the week, epoch ms. */
  weekStart: number;
  runs: number;
  medianMs: number | null;
}

export interface PersonRow {
  userId: string;
  completed: number;
  medianMs: number | null;
  errorRate: number | null;
}

const WEEK_MS = 7 * 86_400_000;
/** 1970-01-01 was a Thursday: Monday 1969-12-29 is three days earlier. */
const MONDAY_OFFSET_MS = 3 * 86_400_000;

export const completedRuns = (runs: readonly RunFact[]) =>
  runs.filter((r) => r.status === 'completed' && r.durationMs !== null);

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

export function durationStats(runs: readonly RunFact[]): DurationStats {
  const done = completedRuns(runs);
  const total = done.map((r) => r.durationMs as number);
  const active = done.map((r) => r.activeDurationMs ?? 0);
  return {
    completed: done.length,
    aborted: runs.filter((r) => r.status === 'aborted').length,
    medianMs: percentile(total, 0.5),
    p90Ms: percentile(total, 0.9),
    meanMs: mean(total),
    activeMedianMs: percentile(active, 0.5),
    activeP90Ms: percentile(active, 0.9),
    activeMeanMs: mean(active),
  };
}

/** The rates of design.md from the counts of completed, aborted and errored (completed) runs. */
export function ratesOfCounts({
  completed,
  aborted,
  errored,
}: Pick<OutcomeRates, 'completed' | 'aborted' | 'errored'>): OutcomeRates {
  const errorRate = rate(errored, completed);
  return {
    completed,
    aborted,
    errored,
    errorRate,
    firstPassYield: errorRate === null ? null : 1 - errorRate,
    abandonRate: rate(aborted, completed + aborted),
  };
}

export const outcomeRates = (runs: readonly RunFact[]): OutcomeRates =>
  ratesOfCounts({
    completed: runs.filter((r) => r.status === 'completed').length,
    aborted: runs.filter((r) => r.status === 'aborted').length,
    errored: runs.filter((r) => r.status === 'completed' && r.errored).length,
  });

function stepRow(stepId: string, executions: readonly StepFact[], runMedian: number | null): StepRow {
  const durations = executions.map((s) => s.durationMs);
  const medianMs = percentile(durations, 0.5);
  const flagsByCategory: Record<string, number> = {};
  for (const s of executions) {
    for (const category of s.flagCategories) flagsByCategory[category] = (flagsByCategory[category] ?? 0) + 1;
  }
  const flagged = executions.filter((s) => s.flagged).length;
  return {
    stepId,
    executions: executions.length,
    medianMs,
    p90Ms: percentile(durations, 0.9),
    share: medianMs === null || !runMedian ? null : medianMs / runMedian,
    flagged,
    errorRate: rate(flagged, executions.length),
    flagsByCategory,
  };
}

/** Per-step statistics of the completed runs in `runs`, in the order steps are usually reached. */
export function stepTable(runs: readonly RunFact[], steps: readonly StepFact[]): StepTable {
  const done = completedRuns(runs);
  const doneIds = new Set(done.map((r) => r.id));
  const runMedian = percentile(
    done.map((r) => r.durationMs as number),
    0.5,
  );
  const byStep = new Map<string, StepFact[]>();
  for (const s of steps) {
    if (!doneIds.has(s.runId)) continue;
    const list = byStep.get(s.stepId) ?? [];
    list.push(s);
    byStep.set(s.stepId, list);
  }
  const meanPosition = (list: readonly StepFact[]) => mean(list.map((s) => s.position)) ?? 0;
  const ordered = [...byStep.entries()].sort(
    ([a, la], [b, lb]) => meanPosition(la) - meanPosition(lb) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const rows = ordered.map(([stepId, list]) => stepRow(stepId, list, runMedian));
  return { steps: rows, bottleneck: bottleneckOf(rows) };
}

/** The step with the largest share of the run (the earlier one on a tie), if any. */
export function bottleneckOf(rows: readonly StepRow[]): string | null {
  let best: StepRow | null = null;
  for (const row of rows) if (row.share !== null && (best === null || row.share > (best.share ?? 0))) best = row;
  return best?.stepId ?? null;
}

/** Tukey's upper fence of one version's durations: Q3 + 1.5·IQR. */
export function upperFence(durations: readonly number[]): number | null {
  const q1 = percentile(durations, 0.25);
  const q3 = percentile(durations, 0.75);
  return q1 === null || q3 === null ? null : q3 + 1.5 * (q3 - q1);
}

/** Completed runs longer than their version's upper fence, longest first. */
export function outlierRuns(runs: readonly RunFact[]): OutlierRun[] {
  const byVersion = new Map<number, RunFact[]>();
  for (const r of completedRuns(runs)) byVersion.set(r.sopVersion, [...(byVersion.get(r.sopVersion) ?? []), r]);
  const outliers: OutlierRun[] = [];
  for (const [sopVersion, list] of byVersion) {
    const fenceMs = upperFence(list.map((r) => r.durationMs as number));
    if (fenceMs === null) continue;
    for (const r of list) {
      const durationMs = r.durationMs as number;
      if (durationMs > fenceMs) outliers.push({ runId: r.id, sopVersion, durationMs, fenceMs });
    }
  }
  return outliers.sort((a, b) => b.durationMs - a.durationMs || (a.runId < b.runId ? -1 : 1));
}

/** Monday 00:00 UTC of the week holding `epochMs`. */
export const weekStart = (epochMs: number): number =>
  Math.floor((epochMs + MONDAY_OFFSET_MS) / WEEK_MS) * WEEK_MS - MONDAY_OFFSET_MS;

/** Completed runs per week of their start, oldest week first. */
export function weeklyTrend(runs: readonly RunFact[]): WeekPoint[] {
  const byWeek = new Map<number, number[]>();
  for (const r of completedRuns(runs)) {
    if (r.startedAt === null) continue;
    const week = weekStart(r.startedAt);
    byWeek.set(week, [...(byWeek.get(week) ?? []), r.durationMs as number]);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a - b)
    .map(([week, durations]) => ({ weekStart: week, runs: durations.length, medianMs: percentile(durations, 0.5) }));
}

/** Completed runs, median duration and error rate per person, by user id. */
export function perPerson(runs: readonly RunFact[]): PersonRow[] {
  const byUser = new Map<string, RunFact[]>();
  for (const r of completedRuns(runs)) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  return [...byUser.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([userId, list]) => ({
      userId,
      completed: list.length,
      medianMs: percentile(
        list.map((r) => r.durationMs as number),
        0.5,
      ),
      errorRate: rate(list.filter((r) => r.errored).length, list.length),
    }));
}
