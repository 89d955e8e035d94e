/**
 * Version before/after and proficiency, as design.md defines them.
 *
 * Version comparison (v_a against v_b of one SOP), per run and per stable step id: n,
 * median, p90, error rate, the relative change of the median ((b − a)/a; −0.34 reads
 * "34 % faster") and whether each difference is statistically meaningful at p < 0.05 —
 * Mann–Whitney U on the durations, Fisher's exact test on errored/clean counts (exact at
 * any size, so the two-proportion approximation is not needed here).
 *
 * Proficiency of a person on a SOP: reached at their k-th completed run (by start time)
 * when their last 3 completed runs (training or not) all have no flagged step and the
 * median of those 3 durations ≤ 1.25 × `baselineMs`, the median duration of everyone
 * else's completed non-training runs of that SOP, all versions. Time to proficiency = k
 * runs and the calendar days (UTC dates) from the first completed run to the k-th.
 */
import { completedRuns, type RunFact, type StepFact } from './analytics.ts';
import { median, percentile } from './percentile.ts';
import { ALPHA, fisherExact, mannWhitneyU, type TestResult } from './stats.ts';

export interface GroupStats {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
  errored: number;
  errorRate: number | null;
}

export interface Comparison {
  a: GroupStats;
  b: GroupStats;
  /** (median b − median a) / median a; null without both medians (or a zero one). */
  medianChange: number | null;
  /** Error rate b − error rate a, in points of proportion (−0.1 = ten points fewer). */
  errorRateChange: number | null;
  durationP: number | null;
  durationSignificant: boolean;
  errorP: number | null;
  errorSignificant: boolean;
}

export interface StepComparison extends Comparison {
  stepId: string;
}

export interface VersionComparison {
  runs: Comparison;
  steps: StepComparison[];
}

/** One measured execution (a run or a step execution): duration and whether it went wrong. */
export interface Sample {
  durationMs: number;
  bad: boolean;
}

/** A group's statistics from its size, percentiles and errored count (the error rate follows). */
export const groupStatsOf = (
  n: number,
  medianMs: number | null,
  p90Ms: number | null,
  errored: number,
): GroupStats => ({
  n,
  medianMs,
  p90Ms,
  errored,
  errorRate: n === 0 ? null : errored / n,
});

function groupStats(samples: readonly Sample[]): GroupStats {
  const durations = samples.map((s) => s.durationMs);
  return groupStatsOf(
    samples.length,
    percentile(durations, 0.5),
    percentile(durations, 0.9),
    samples.filter((s) => s.bad).length,
  );
}

/**
 * Compares two groups: relative changes, Fisher's exact test on the error counts, and
 * `duration`, the Mann–Whitney test of their durations (from the samples here, from
 * rank sums kept in SQL on the server: the same function computes both).
 */
export function compareGroups(sa: GroupStats, sb: GroupStats, duration: TestResult | null): Comparison {
  const errors =
    sa.n > 0 && sb.n > 0 ? fisherExact(sa.errored, sa.n - sa.errored, sb.errored, sb.n - sb.errored) : null;
  return {
    a: sa,
    b: sb,
    medianChange: sa.medianMs && sb.medianMs !== null ? (sb.medianMs - sa.medianMs) / sa.medianMs : null,
    errorRateChange: sa.errorRate === null || sb.errorRate === null ? null : sb.errorRate - sa.errorRate,
    durationP: duration?.p ?? null,
    durationSignificant: duration !== null && duration.p < ALPHA,
    errorP: errors?.p ?? null,
    errorSignificant: errors !== null && errors.p < ALPHA,
  };
}

const durationsOf = (samples: readonly Sample[]) => samples.map((s) => s.durationMs);

/** Compares two groups of samples. */
export const compareSamples = (a: readonly Sample[], b: readonly Sample[]): Comparison =>
  compareGroups(groupStats(a), groupStats(b), mannWhitneyU(durationsOf(a), durationsOf(b)));

const runSamples = (runs: readonly RunFact[]): Sample[] =>
  completedRuns(runs).map((r) => ({ durationMs: r.durationMs as number, bad: r.errored }));

function stepSamples(runs: readonly RunFact[], steps: readonly StepFact[]): Map<string, Sample[]> {
  const done = new Set(completedRuns(runs).map((r) => r.id));
  const byStep = new Map<string, Sample[]>();
  for (const s of steps) {
    if (!done.has(s.runId)) continue;
    byStep.set(s.stepId, [...(byStep.get(s.stepId) ?? []), { durationMs: s.durationMs, bad: s.flagged }]);
  }
  return byStep;
}

/**
 * Version a against version b: `runsA`/`stepsA` are the rows of version a (any status:
 * only completed runs count), likewise for b. Steps are matched by stable id and listed
 * in the order of `stepOrder` (e.g. version b's steps), then any others by id.
 */
export function compareVersions(
  a: { runs: readonly RunFact[]; steps: readonly StepFact[] },
  b: { runs: readonly RunFact[]; steps: readonly StepFact[] },
  stepOrder: readonly string[] = [],
): VersionComparison {
  const stepsA = stepSamples(a.runs, a.steps);
  const stepsB = stepSamples(b.runs, b.steps);
  const rest = [...new Set([...stepsA.keys(), ...stepsB.keys()])].filter((id) => !stepOrder.includes(id)).sort();
  const ids = [...stepOrder.filter((id) => stepsA.has(id) || stepsB.has(id)), ...rest];
  return {
    runs: compareSamples(runSamples(a.runs), runSamples(b.runs)),
    steps: ids.map((stepId) => ({ stepId, ...compareSamples(stepsA.get(stepId) ?? [], stepsB.get(stepId) ?? []) })),
  };
}

export const PROFICIENCY_WINDOW = 3;
export const PROFICIENCY_FACTOR = 1.25;
const DAY_MS = 86_400_000;

export interface CurvePoint {
  /** 1 for the person's first completed run. */
  n: number;
  runId: string;
  startedAt: number;
  durationMs: number;
  errored: boolean;
  training: boolean;
}

export interface Proficiency {
  reached: boolean;
  /** k: the completed run at which proficiency was reached. */
  atRun: number | null;
  /** Calendar days (UTC) from the first completed run to the k-th. */
  days: number | null;
  /** 1.25 × the baseline median; null when nobody else has a regular completed run. */
  thresholdMs: number | null;
}

/** A person's completed runs of one SOP in order of start, numbered from 1. */
export function learningCurve(personRuns: readonly RunFact[]): CurvePoint[] {
  return completedRuns(personRuns)
    .filter((r) => r.startedAt !== null)
    .sort((x, y) => (x.startedAt as number) - (y.startedAt as number) || (x.id < y.id ? -1 : 1))
    .map((r, i) => ({
      n: i + 1,
      runId: r.id,
      startedAt: r.startedAt as number,
      durationMs: r.durationMs as number,
      errored: r.errored,
      training: r.training,
    }));
}

/** The baseline: median duration of other people's completed non-training runs. */
export function proficiencyBaseline(allRuns: readonly RunFact[], userId: string): number | null {
  const others = completedRuns(allRuns).filter((r) => r.userId !== userId && !r.training);
  return median(others.map((r) => r.durationMs as number));
}

const utcDay = (epochMs: number) => Math.floor(epochMs / DAY_MS);

/** Where `curve` first satisfies the proficiency rule against `baselineMs`. */
export function proficiency(curve: readonly CurvePoint[], baselineMs: number | null): Proficiency {
  if (baselineMs === null) return { reached: false, atRun: null, days: null, thresholdMs: null };
  const thresholdMs = PROFICIENCY_FACTOR * baselineMs;
  for (let k = PROFICIENCY_WINDOW; k <= curve.length; k++) {
    const window = curve.slice(k - PROFICIENCY_WINDOW, k);
    const clean = window.every((p) => !p.errored);
    const windowMedian = median(window.map((p) => p.durationMs)) as number;
    if (clean && windowMedian <= thresholdMs) {
      const first = curve[0] as CurvePoint;
      const kth = curve[k - 1] as CurvePoint;
      return { reached: true, atRun: k, days: utcDay(kth.startedAt) - utcDay(first.startedAt), thresholdMs };
    }
  }
  return { reached: false, atRun: null, days: null, thresholdMs };
}
