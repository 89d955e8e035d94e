/**
 * Per-SOP statistics from the rows, following design.md and src/shared/analytics.ts (the
 * contract the tests hold these queries to): durations and rates of the filtered runs,
 * the weekly trend, the distribution's box, and the breakdown per person. Percentiles
 * are percentile_cont (linear interpolation, like shared percentile.ts). The report uses
 * them when a period is asked for; without one, sop-summary.ts reads the same numbers
 * from the summaries, except the weekly trend and the active-duration percentiles,
 * which always come from here (runs_done_week_idx and runs_done_duration_idx serve them
 * in order, without reading the table).
 */
import { sql } from 'drizzle-orm';
import {
  type DurationStats,
  type OutcomeRates,
  type PersonRow,
  ratesOfCounts,
  type WeekPoint,
} from '../../shared/analytics.ts';
import type { AnalyticsFilters, SopReport } from '../../shared/analytics-wire.ts';
import type { Queryable } from '../db/connect.ts';
import { completedCondition, runCondition } from './filters.ts';
import { int, num, queryRows, str } from './sql-rows.ts';

const pct = (p: number, column: string) =>
  sql.raw(
    `percentile_cont(${p}) within group (order by ${column}) filter (where r.status = 'completed' and r.duration_ms is not null)`,
  );

export async function durationsAndRates(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<{ durations: DurationStats; rates: OutcomeRates }> {
  const done = sql.raw(`filter (where r.status = 'completed' and r.duration_ms is not null)`);
  const [row] = await queryRows(
    db,
    sql`select
      count(*) filter (where r.status = 'completed')::int as completed,
      count(*) filter (where r.status = 'aborted')::int as aborted,
      count(*) filter (where r.status = 'completed' and r.errored)::int as errored,
      count(*) ${done}::int as timed,
      ${pct(0.5, 'r.duration_ms')} as median, ${pct(0.9, 'r.duration_ms')} as p90,
      (avg(r.duration_ms) ${done})::float8 as mean,
      ${pct(0.5, 'coalesce(r.active_duration_ms, 0)')} as active_median,
      ${pct(0.9, 'coalesce(r.active_duration_ms, 0)')} as active_p90,
      (avg(coalesce(r.active_duration_ms, 0)) ${done})::float8 as active_mean
    from runs r where ${runCondition(orgId, sopId, filters)}`,
  );
  const aborted = int(row?.aborted);
  return {
    durations: {
      completed: int(row?.timed),
      aborted,
      medianMs: num(row?.median),
      p90Ms: num(row?.p90),
      meanMs: num(row?.mean),
      activeMedianMs: num(row?.active_median),
      activeP90Ms: num(row?.active_p90),
      activeMeanMs: num(row?.active_mean),
    },
    rates: ratesOfCounts({ completed: int(row?.completed), aborted, errored: int(row?.errored) }),
  };
}

// Monday 00:00 UTC of the start's week, in integer arithmetic (see shared weekStart): the
// very expression of runs_done_week_idx (schema.ts RUN_WEEK), so that the index serves it.
const WEEK = sql.raw('(floor((r.started_at + 259200000) / 604800000.0) * 604800000 - 259200000)::float8');

export async function weeklyTrendSql(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<WeekPoint[]> {
  const rows = await queryRows(
    db,
    sql`select ${WEEK} as week, count(*)::int as runs,
      percentile_cont(0.5) within group (order by r.duration_ms) as median
    from runs r where ${completedCondition(orgId, sopId, filters)} and r.started_at is not null
    group by 1 order by 1`,
  );
  return rows.map((r) => ({ weekStart: int(r.week), runs: int(r.runs), medianMs: num(r.median) }));
}

/** Median and p90 of the active durations of the completed filtered runs. */
export async function activePercentilesSql(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<{ activeMedianMs: number | null; activeP90Ms: number | null }> {
  const [row] = await queryRows(
    db,
    sql`select percentile_cont(0.5) within group (order by coalesce(r.active_duration_ms, 0)) as median,
      percentile_cont(0.9) within group (order by coalesce(r.active_duration_ms, 0)) as p90
    from runs r where ${completedCondition(orgId, sopId, filters)}`,
  );
  return { activeMedianMs: num(row?.median), activeP90Ms: num(row?.p90) };
}

export async function boxSql(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<SopReport['box']> {
  const [row] = await queryRows(
    db,
    sql`select min(r.duration_ms)::float8 as min, max(r.duration_ms)::float8 as max,
      percentile_cont(0.25) within group (order by r.duration_ms) as q1,
      percentile_cont(0.5) within group (order by r.duration_ms) as median,
      percentile_cont(0.75) within group (order by r.duration_ms) as q3
    from runs r where ${completedCondition(orgId, sopId, filters)}`,
  );
  const q1 = num(row?.q1);
  const q3 = num(row?.q3);
  return {
    minMs: num(row?.min),
    q1Ms: q1,
    medianMs: num(row?.median),
    q3Ms: q3,
    maxMs: num(row?.max),
    fenceMs: q1 === null || q3 === null ? null : q3 + 1.5 * (q3 - q1),
  };
}

export async function perPersonSql(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<(PersonRow & { name: string | null })[]> {
  const rows = await queryRows(
    db,
    sql`select r.user_id::text as user_id, min(p.name) as name, count(*)::int as completed,
      percentile_cont(0.5) within group (order by r.duration_ms) as median,
      count(*) filter (where r.errored)::int as errored
    from runs r left join people p on p.org_id = r.org_id and p.id = r.user_id
    where ${completedCondition(orgId, sopId, filters)}
    group by r.user_id order by r.user_id`,
  );
  return rows.map((r) => ({
    userId: str(r.user_id),
    name: typeof r.name === 'string' ? r.name : null,
    completed: int(r.completed),
    medianMs: num(r.median),
    errorRate: int(r.errored) / int(r.completed),
  }));
}
