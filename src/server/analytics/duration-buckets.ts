/**
 * Exact percentiles without sorting a series: bucket counts plus a short index walk.
 *
 * analytics_duration_buckets counts the durations of each series in geometric buckets
 * (5 % wide), per version, person and training flag (schema-analytics-stats.ts). For a
 * group of n durations, percentile_cont(p) — and shared/percentile.ts — interpolates
 * between the values at 0-based ranks ⌊p·(n−1)⌋ and ⌈p·(n−1)⌉. Summing the group's bucket
 * counts in bucket order finds the bucket holding rank k and k's offset from the first
 * value of that bucket; the durations index (runs_done_duration_idx,
 * step_executions_done_duration_idx) then reads from that bucket's floor, skipping
 * `offset` values and keeping the next two. A walk crosses one bucket at most, a few
 * hundred entries at a million rows, instead of sorting them all; the interpolation is
 * the shared one, so the result is the same number to the last bit.
 *
 * Only the dimensions of the summary can filter (version, person, training): a period
 * filter needs the rows (sop-stats.ts, sop-steps.ts).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AnalyticsFilters } from '../../shared/analytics-wire.ts';
import { interpolate, percentileRank } from '../../shared/percentile.ts';
import type { Queryable } from '../db/connect.ts';
import { dimensionConditions } from './filters.ts';
import { num, queryRows, str } from './sql-rows.ts';

/** `measure` of a summary row: a step's duration, or a whole run's (step_id ''). */
export const STEP_MEASURE = 0;
export const RUN_MEASURE = 1;
export const RUN_SERIES = '';

/** Bucket → count, for one group of durations. */
export type BucketCounts = Map<number, number>;

export const totalOf = (counts: BucketCounts | undefined): number =>
  counts ? [...counts.values()].reduce((sum, n) => sum + n, 0) : 0;

/** The bucket holding the k-th smallest duration (0-based), and k's offset from the bucket's first value. */
export function locateRank(counts: BucketCounts, k: number): { bucket: number; offset: number } {
  let below = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    const n = counts.get(bucket) ?? 0;
    if (k < below + n) return { bucket, offset: k - below };
    below += n;
  }
  throw new RangeError(`rank ${k} is beyond the ${below} counted durations`);
}

/** A group of durations to read from: the common filters plus these. */
export interface DurationGroup {
  counts: BucketCounts;
  version?: number | undefined;
  userId?: string | undefined;
  stepId?: string | undefined;
}

/** Where to read: the SOP, the measure (RUN_MEASURE or STEP_MEASURE) and the common filters. */
export interface DurationSource {
  orgId: string;
  sopId: string;
  measure: number;
  filters: AnalyticsFilters;
}

interface Walk {
  key: string;
  bucket: number;
  offset: number;
  group: DurationGroup;
}

/** The rows of one walk: the series in duration order from `t.bucket`'s floor, `t.skip` skipped, two kept. */
function walkRows(source: DurationSource): SQL {
  const { orgId, sopId, measure, filters } = source;
  const alias = measure === RUN_MEASURE ? 'r' : 's';
  const common = [...dimensionConditions(alias, filters)].map((c) => sql` and ${c}`);
  const own = sql.raw(`(t.version is null or ${alias}.sop_version = t.version)
    and (t.user_id is null or ${alias}.user_id = t.user_id)`);
  if (measure === RUN_MEASURE) {
    return sql`select r.duration_ms from runs r
      where r.org_id = ${orgId} and r.sop_id = ${sopId} and r.status = 'completed' and r.duration_ms is not null
        and r.duration_ms >= analytics_bucket_floor(t.bucket) and ${own}${sql.join(common)}
      order by r.duration_ms offset t.skip limit 2`;
  }
  return sql`select s.duration_ms from step_executions s
    where s.org_id = ${orgId} and s.sop_id = ${sopId} and s.step_id = t.step_id and s.run_status = 'completed'
      and s.duration_ms >= analytics_bucket_floor(t.bucket) and ${own}${sql.join(common)}
    order by s.duration_ms offset t.skip limit 2`;
}

/** The k-th and (k+1)-th durations of every walk, in one statement. */
async function readWalks(db: Queryable, source: DurationSource, walks: Walk[]): Promise<Map<string, number[]>> {
  if (walks.length === 0) return new Map();
  const targets = sql.join(
    walks.map(
      (w) =>
        sql`(${w.key}::text, ${w.bucket}::int, ${w.offset}::bigint, ${w.group.version ?? null}::int,
          ${w.group.userId ?? null}::uuid, ${w.group.stepId ?? null}::text)`,
    ),
    sql`, `,
  );
  const rows = await queryRows(
    db,
    sql`select t.key, w.v[1]::float8 as v0, w.v[2]::float8 as v1
    from (values ${targets}) as t(key, bucket, skip, version, user_id, step_id)
    cross join lateral (select array_agg(x.duration_ms order by x.duration_ms) as v from (${walkRows(source)}) x) w`,
  );
  return new Map(rows.map((r) => [str(r.key), [num(r.v0), num(r.v1)].filter((v): v is number => v !== null)]));
}

/**
 * Percentiles `ps` (fractions in [0, 1]) of each group, in order: null for an empty
 * group, otherwise exactly shared percentile() of the group's durations.
 */
export async function percentilesOf(
  db: Queryable,
  source: DurationSource,
  requests: readonly { group: DurationGroup; ps: readonly number[] }[],
): Promise<(number | null)[][]> {
  const walks = new Map<string, Walk>();
  const plans = requests.map(({ group, ps }, g) => {
    const n = totalOf(group.counts);
    return ps.map((p) => {
      if (n === 0) return null;
      const rank = percentileRank(n, p);
      const key = `${g}:${rank.lo}`;
      if (!walks.has(key)) walks.set(key, { key, ...locateRank(group.counts, rank.lo), group });
      return { key, rank };
    });
  });
  const values = await readWalks(db, source, [...walks.values()]);
  return plans.map((plan) =>
    plan.map((step) => {
      if (step === null) return null;
      const [low, next] = values.get(step.key) ?? [];
      if (low === undefined) throw new Error(`bucket counts and rows disagree at ${step.key}`);
      const high = step.rank.hi === step.rank.lo ? low : next;
      if (high === undefined) throw new Error(`bucket counts and rows disagree after ${step.key}`);
      return interpolate(low, high, step.rank.fraction);
    }),
  );
}

export type BucketColumn = 'sop_version' | 'user_id' | 'step_id';

/**
 * The summary rows of `source`, summed per `by` and bucket: n, bad (flagged steps or
 * errored runs) and the sums of position, duration and active duration. `where` adds a
 * condition on the summary (aliased b).
 */
export async function readBucketRows(
  db: Queryable,
  source: DurationSource,
  by: readonly BucketColumn[],
  where?: SQL,
): Promise<Record<string, unknown>[]> {
  const { orgId, sopId, measure, filters } = source;
  const columns = by.map((c) => sql.raw(c === 'user_id' ? 'b.user_id::text as user_id, ' : `b.${c}, `));
  const groups = by.map((c) => sql.raw(`b.${c}, `));
  const series = measure === RUN_MEASURE ? sql` and b.step_id = ${RUN_SERIES}` : sql``;
  const conditions = [...dimensionConditions('b', filters), ...(where ? [where] : [])].map((c) => sql` and ${c}`);
  return queryRows(
    db,
    sql`select ${sql.join(columns)}b.bucket, sum(b.n)::int as n, sum(b.bad)::int as bad,
      sum(b.position_sum)::float8 as position_sum, sum(b.duration_sum)::float8 as duration_sum,
      sum(b.active_sum)::float8 as active_sum
    from analytics_duration_buckets b
    where b.org_id = ${orgId} and b.sop_id = ${sopId} and b.measure = ${measure}${series}${sql.join(conditions)}
    group by ${sql.join(groups)}b.bucket`,
  );
}
