/**
 * The per-SOP report from the summaries (analytics_duration_buckets, analytics_flag_counts)
 * when no period is asked for: counts, sums and rates straight from the summary rows,
 * every percentile read exactly by duration-buckets.ts. Same numbers as the rows
 * queries of sop-stats.ts and sop-steps.ts (design.md; shared/analytics.ts is the
 * contract), at a cost that follows the number of buckets, not of runs.
 */
import { sql } from 'drizzle-orm';
import {
  bottleneckOf,
  type DurationStats,
  type OutcomeRates,
  type PersonRow,
  ratesOfCounts,
  type StepRow,
} from '../../shared/analytics.ts';
import type { AnalyticsFilters, SopReport } from '../../shared/analytics-wire.ts';
import type { Queryable } from '../db/connect.ts';
import {
  type BucketCounts,
  type DurationSource,
  percentilesOf,
  RUN_MEASURE,
  readBucketRows,
  STEP_MEASURE,
} from './duration-buckets.ts';
import { completedCondition, dimensionConditions, runCondition } from './filters.ts';
import { int, num, queryRows, str } from './sql-rows.ts';
import { OUTLIER_LIMIT } from './sop-steps.ts';

interface Tally {
  counts: BucketCounts;
  n: number;
  bad: number;
}

const tally = (): Tally => ({ counts: new Map(), n: 0, bad: 0 });

function add(t: Tally, bucket: number, n: number, bad: number): void {
  t.counts.set(bucket, (t.counts.get(bucket) ?? 0) + n);
  t.n += n;
  t.bad += bad;
}

function tallyOf(groups: Map<string, Tally>, key: string): Tally {
  const t = groups.get(key) ?? tally();
  groups.set(key, t);
  return t;
}

/** Completed, errored and aborted runs that the duration summary does not hold (no duration, or aborted). */
async function unfinishedCounts(db: Queryable, orgId: string, sopId: string, filters: AnalyticsFilters) {
  const [row] = await queryRows(
    db,
    sql`select count(*) filter (where r.status = 'completed')::int as completed,
      count(*) filter (where r.status = 'completed' and r.errored)::int as errored,
      count(*) filter (where r.status = 'aborted')::int as aborted
    from runs r where ${runCondition(orgId, sopId, filters)} and (r.status = 'aborted' or r.duration_ms is null)`,
  );
  return { completed: int(row?.completed), errored: int(row?.errored), aborted: int(row?.aborted) };
}

export interface RunSummaryStats {
  durations: Omit<DurationStats, 'activeMedianMs' | 'activeP90Ms'>;
  rates: OutcomeRates;
  box: SopReport['box'];
  fences: Map<number, number>;
  people: PersonRow[];
}

interface RunTallies {
  all: Tally;
  versions: Map<string, Tally>;
  users: Map<string, Tally>;
  durationSum: number;
  activeSum: number;
}

/** The run-duration summary of the filtered runs, in total, per version and per person. */
async function readRunTallies(db: Queryable, source: DurationSource): Promise<RunTallies> {
  const tallies: RunTallies = { all: tally(), versions: new Map(), users: new Map(), durationSum: 0, activeSum: 0 };
  for (const r of await readBucketRows(db, source, ['sop_version', 'user_id'])) {
    const [bucket, n, bad] = [int(r.bucket), int(r.n), int(r.bad)];
    add(tallies.all, bucket, n, bad);
    add(tallyOf(tallies.versions, String(int(r.sop_version))), bucket, n, bad);
    add(tallyOf(tallies.users, str(r.user_id)), bucket, n, bad);
    tallies.durationSum += int(r.duration_sum);
    tallies.activeSum += int(r.active_sum);
  }
  return tallies;
}

const ratesOf = (timed: Tally, unfinished: Awaited<ReturnType<typeof unfinishedCounts>>): OutcomeRates =>
  ratesOfCounts({
    completed: timed.n + unfinished.completed,
    aborted: unfinished.aborted,
    errored: timed.bad + unfinished.errored,
  });

/** Tukey's upper fence, as shared upperFence computes it. */
const fenceOf = (q1: number | null, q3: number | null) => (q1 === null || q3 === null ? null : q3 + 1.5 * (q3 - q1));

/** Durations, rates, box, per-version fences and per-person rows of the completed runs. */
export async function runSummaryStats(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<RunSummaryStats> {
  const source: DurationSource = { orgId, sopId, measure: RUN_MEASURE, filters };
  const { all, versions, users, durationSum, activeSum } = await readRunTallies(db, source);
  const versionKeys = [...versions.keys()];
  const userKeys = [...users.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const [overall = [], ...rest] = await percentilesOf(db, source, [
    { group: { counts: all.counts }, ps: [0.5, 0.9, 0, 0.25, 0.75, 1] },
    ...versionKeys.map((v) => ({
      group: { counts: versions.get(v)?.counts ?? new Map(), version: Number(v) },
      ps: [0.25, 0.75],
    })),
    ...userKeys.map((u) => ({ group: { counts: users.get(u)?.counts ?? new Map(), userId: u }, ps: [0.5] })),
  ]);
  const [median = null, p90 = null, min = null, q1 = null, q3 = null, max = null] = overall;
  const fences = new Map<number, number>();
  versionKeys.forEach((v, i) => {
    const fence = fenceOf(rest[i]?.[0] ?? null, rest[i]?.[1] ?? null);
    if (fence !== null) fences.set(Number(v), fence);
  });
  const unfinished = await unfinishedCounts(db, orgId, sopId, filters);
  const mean = (sum: number) => (all.n === 0 ? null : sum / all.n);
  return {
    durations: {
      completed: all.n,
      aborted: unfinished.aborted,
      medianMs: median,
      p90Ms: p90,
      meanMs: mean(durationSum),
      activeMeanMs: mean(activeSum),
    },
    rates: ratesOf(all, unfinished),
    box: { minMs: min, q1Ms: q1, medianMs: median, q3Ms: q3, maxMs: max, fenceMs: fenceOf(q1, q3) },
    fences,
    people: userKeys.map((userId, i) => {
      const t = users.get(userId) ?? tally();
      return { userId, completed: t.n, medianMs: rest[versionKeys.length + i]?.[0] ?? null, errorRate: t.bad / t.n };
    }),
  };
}

/**
 * Completed runs above their version's fence, longest first: for each version, a walk
 * down runs_done_version_idx from the top that stops at the fence (or at the limit).
 * Durations are whole milliseconds, so d > fence ⇔ d > ⌊fence⌋, a bound the index takes.
 */
export async function outliersAbove(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
  fences: Map<number, number>,
): Promise<SopReport['outliers']> {
  if (fences.size === 0) return [];
  const perVersion = [...fences].map(
    ([version, fence]) => sql`(select r.id, r.sop_version, r.duration_ms, r.user_id, r.started_at from runs r
      where ${completedCondition(orgId, sopId, filters)} and r.sop_version = ${version}
        and r.duration_ms > ${Math.floor(fence)}
      order by r.duration_ms desc, r.id limit ${OUTLIER_LIMIT})`,
  );
  const rows = await queryRows(
    db,
    sql`select o.id::text as run_id, o.sop_version, o.duration_ms::float8 as duration, o.user_id::text as user_id,
      o.started_at::float8 as started_at
    from (${sql.join(perVersion, sql` union all `)}) o
    order by o.duration_ms desc, o.id limit ${OUTLIER_LIMIT}`,
  );
  return rows.map((r) => ({
    runId: str(r.run_id),
    sopVersion: int(r.sop_version),
    durationMs: int(r.duration),
    fenceMs: fences.get(int(r.sop_version)) as number,
    userId: str(r.user_id),
    startedAt: num(r.started_at),
  }));
}

/** Executions of each category of flag, per step. */
async function flagCounts(db: Queryable, orgId: string, sopId: string, filters: AnalyticsFilters) {
  const conditions = dimensionConditions('f', filters).map((c) => sql` and ${c}`);
  const rows = await queryRows(
    db,
    sql`select f.step_id, f.category, sum(f.n)::int as n from analytics_flag_counts f
    where f.org_id = ${orgId} and f.sop_id = ${sopId}${sql.join(conditions)} group by 1, 2`,
  );
  const byStep = new Map<string, Record<string, number>>();
  for (const r of rows) byStep.set(str(r.step_id), { ...byStep.get(str(r.step_id)), [str(r.category)]: int(r.n) });
  return byStep;
}

/** The step table: executions, median, p90, share of the run median, flags; and the bottleneck. */
export async function stepTableSummary(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
  runMedian: number | null,
): Promise<{ steps: StepRow[]; bottleneck: string | null }> {
  const source: DurationSource = { orgId, sopId, measure: STEP_MEASURE, filters };
  const steps = new Map<string, Tally & { positionSum: number }>();
  for (const r of await readBucketRows(db, source, ['step_id'])) {
    const stepId = str(r.step_id);
    const t = steps.get(stepId) ?? { ...tally(), positionSum: 0 };
    add(t, int(r.bucket), int(r.n), int(r.bad));
    t.positionSum += int(r.position_sum);
    steps.set(stepId, t);
  }
  const order = [...steps.entries()].sort(
    ([a, ta], [b, tb]) => ta.positionSum / ta.n - tb.positionSum / tb.n || (a < b ? -1 : a > b ? 1 : 0),
  );
  const percentiles = await percentilesOf(
    db,
    source,
    order.map(([stepId, t]) => ({ group: { counts: t.counts, stepId }, ps: [0.5, 0.9] })),
  );
  const flags = await flagCounts(db, orgId, sopId, filters);
  const rows = order.map(([stepId, t], i): StepRow => {
    const [medianMs = null, p90Ms = null] = percentiles[i] ?? [];
    return {
      stepId,
      executions: t.n,
      medianMs,
      p90Ms,
      share: medianMs === null || !runMedian ? null : medianMs / runMedian,
      flagged: t.bad,
      errorRate: t.bad / t.n,
      flagsByCategory: flags.get(stepId) ?? {},
    };
  });
  return { steps: rows, bottleneck: bottleneckOf(rows) };
}
