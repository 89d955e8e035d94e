/**
 * Version before/after of one SOP (design.md "Version comparison"), per run and per
 * stable step id, from the summaries: n and errored count per version from
 * analytics_duration_buckets, median and p90 read exactly by duration-buckets.ts, and
 * the Mann–Whitney test from the rank sums and tie terms that the triggers keep in
 * analytics_rank_pairs and analytics_rank_ties — no duration leaves the database. The
 * shared compareGroups turns them into relative changes, p-values and significance
 * flags (Fisher's exact test on the errored counts). Only completed runs count.
 */
import { sql } from 'drizzle-orm';
import { type Comparison, compareGroups, groupStatsOf } from '../../shared/analytics-compare.ts';
import { mannWhitneyFromRanks, type TestResult } from '../../shared/stats.ts';
import type { Queryable } from '../db/connect.ts';
import {
  type BucketCounts,
  type DurationSource,
  percentilesOf,
  RUN_MEASURE,
  RUN_SERIES,
  readBucketRows,
  STEP_MEASURE,
  totalOf,
} from './duration-buckets.ts';
import { int, queryRows, str } from './sql-rows.ts';

export interface SqlVersionComparison {
  runs: Comparison;
  steps: (Comparison & { stepId: string })[];
}

interface Group {
  counts: BucketCounts;
  bad: number;
}

const seriesKey = (measure: number, stepId: string) => `${measure}|${stepId}`;

/** Rank sums (2·U of the lower version against the higher) and tie terms of the series of the SOP. */
async function readRanks(db: Queryable, orgId: string, sopId: string, a: number, b: number) {
  const [low, high] = a < b ? [a, b] : [b, a];
  const pairs = await queryRows(
    db,
    sql`select p.measure, p.step_id, p.u2::float8 as u2, p.ties_cross::float8 as ties_cross
    from analytics_rank_pairs p
    where p.org_id = ${orgId} and p.sop_id = ${sopId} and p.version_a = ${low} and p.version_b = ${high}`,
  );
  const ties = await queryRows(
    db,
    sql`select t.measure, t.step_id, t.sop_version, t.tie_term::float8 as tie_term from analytics_rank_ties t
    where t.org_id = ${orgId} and t.sop_id = ${sopId} and t.sop_version in (${a}, ${b})`,
  );
  return {
    pairs: new Map(
      pairs.map((p) => [seriesKey(int(p.measure), str(p.step_id)), { u2: int(p.u2), cross: int(p.ties_cross) }]),
    ),
    ties: new Map(
      ties.map((t) => [`${seriesKey(int(t.measure), str(t.step_id))}|${int(t.sop_version)}`, int(t.tie_term)]),
    ),
  };
}

type Ranks = Awaited<ReturnType<typeof readRanks>>;

/**
 * The Mann–Whitney test of version a against b from the kept sums. With a = b the
 * pooled sample is every duration twice: U₁ = n²/2 and each group of t ties becomes 2t,
 * so Σ((2t)³ − 2t) = 8·Σ(t³ − t) + 6n.
 */
function durationTest(ranks: Ranks, series: string, a: number, b: number, n1: number, n2: number): TestResult | null {
  if (n1 === 0 || n2 === 0) return null;
  const tiesOf = (v: number) => ranks.ties.get(`${series}|${v}`) ?? 0;
  if (a === b) return mannWhitneyFromRanks({ n1, n2, u1: (n1 * n2) / 2, tieTerm: 8 * tiesOf(a) + 6 * n1 });
  const pair = ranks.pairs.get(series);
  if (!pair) throw new Error(`no rank sums for ${series} between versions ${a} and ${b}`);
  const uLow = pair.u2 / 2;
  return mannWhitneyFromRanks({
    n1,
    n2,
    u1: a < b ? uLow : n1 * n2 - uLow,
    tieTerm: tiesOf(a) + tiesOf(b) + 3 * pair.cross,
  });
}

/** Bucket counts and errored counts of versions a and b, per series and version. */
async function readGroups(db: Queryable, source: DurationSource, a: number, b: number): Promise<Map<string, Group>> {
  const groups = new Map<string, Group>();
  const rows = await readBucketRows(db, source, ['step_id', 'sop_version'], sql`b.sop_version in (${a}, ${b})`);
  for (const r of rows) {
    const key = `${seriesKey(source.measure, str(r.step_id))}|${int(r.sop_version)}`;
    const group = groups.get(key) ?? { counts: new Map(), bad: 0 };
    group.counts.set(int(r.bucket), int(r.n));
    group.bad += int(r.bad);
    groups.set(key, group);
  }
  return groups;
}

/** Compares the series `stepIds` of `source` (RUN_SERIES for whole runs) between a and b. */
async function compareSeries(
  db: Queryable,
  source: DurationSource,
  stepIds: readonly string[],
  versions: { a: number; b: number; groups: Map<string, Group>; ranks: Ranks },
): Promise<Comparison[]> {
  const { a, b, groups, ranks } = versions;
  const groupOf = (stepId: string, v: number) =>
    groups.get(`${seriesKey(source.measure, stepId)}|${v}`) ?? { counts: new Map(), bad: 0 };
  const stepOf = (stepId: string) => (stepId === RUN_SERIES ? undefined : stepId);
  const percentiles = await percentilesOf(
    db,
    source,
    stepIds.flatMap((stepId) =>
      [a, b].map((version) => ({
        group: { counts: groupOf(stepId, version).counts, version, stepId: stepOf(stepId) },
        ps: [0.5, 0.9],
      })),
    ),
  );
  return stepIds.map((stepId, i) => {
    const [ga, gb] = [groupOf(stepId, a), groupOf(stepId, b)];
    const [na, nb] = [totalOf(ga.counts), totalOf(gb.counts)];
    const [pa = [], pb = []] = [percentiles[2 * i], percentiles[2 * i + 1]];
    return compareGroups(
      groupStatsOf(na, pa[0] ?? null, pa[1] ?? null, ga.bad),
      groupStatsOf(nb, pb[0] ?? null, pb[1] ?? null, gb.bad),
      durationTest(ranks, seriesKey(source.measure, stepId), a, b, na, nb),
    );
  });
}

/** Compares version `a` with version `b`; steps in `stepOrder` first, then the others by id. */
export async function compareVersionsSql(
  db: Queryable,
  orgId: string,
  sopId: string,
  a: number,
  b: number,
  stepOrder: readonly string[],
): Promise<SqlVersionComparison> {
  const runSource: DurationSource = { orgId, sopId, measure: RUN_MEASURE, filters: {} };
  const stepSource: DurationSource = { orgId, sopId, measure: STEP_MEASURE, filters: {} };
  const ranks = await readRanks(db, orgId, sopId, a, b);
  const runGroups = await readGroups(db, runSource, a, b);
  const stepGroups = await readGroups(db, stepSource, a, b);
  const ids = [...new Set([...stepGroups.keys()].map((key) => key.split('|')[1] as string))];
  const rest = ids.filter((id) => !stepOrder.includes(id)).sort();
  const ordered = [...stepOrder.filter((id) => ids.includes(id)), ...rest];
  const [runs] = await compareSeries(db, runSource, [RUN_SERIES], { a, b, groups: runGroups, ranks });
  const steps = await compareSeries(db, stepSource, ordered, { a, b, groups: stepGroups, ranks });
  return {
    runs: runs as Comparison,
    steps: ordered.map((stepId, i) => ({ stepId, ...(steps[i] as Comparison) })),
  };
}
