/**
 * Per-step statistics and outlier runs in SQL (design.md; src/shared/analytics.ts is the
 * contract): executions of each step in the completed filtered runs, their median and
 * p90, flagged share and flags by category; share of the run = step median / median of
 * the same completed runs; the bottleneck has the largest share. Outliers: completed runs
 * above Q3 + 1.5·IQR of their own version.
 */
import { sql } from 'drizzle-orm';
import { bottleneckOf, type StepRow } from '../../shared/analytics.ts';
import type { AnalyticsFilters, SopReport } from '../../shared/analytics-wire.ts';
import type { Queryable } from '../db/connect.ts';
import { completedCondition, completedStepCondition } from './filters.ts';
import { int, num, queryRows, str } from './sql-rows.ts';

export const OUTLIER_LIMIT = 50;

async function flagsByStep(db: Queryable, orgId: string, sopId: string, filters: AnalyticsFilters) {
  const rows = await queryRows(
    db,
    sql`select s.step_id, c.category, count(*)::int as n
    from step_executions s
    cross join lateral jsonb_array_elements_text(s.flag_categories) as c(category)
    where ${completedStepCondition(orgId, sopId, filters)} and s.flagged
    group by 1, 2`,
  );
  const byStep = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const counts = byStep.get(str(r.step_id)) ?? {};
    counts[str(r.category)] = int(r.n);
    byStep.set(str(r.step_id), counts);
  }
  return byStep;
}

export async function stepTableSql(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<{ steps: StepRow[]; bottleneck: string | null }> {
  const done = completedCondition(orgId, sopId, filters);
  const rows = await queryRows(
    db,
    sql`with run_median as (
      select percentile_cont(0.5) within group (order by r.duration_ms) as m from runs r where ${done}
    )
    select s.step_id, count(*)::int as executions,
      percentile_cont(0.5) within group (order by s.duration_ms) as median,
      percentile_cont(0.9) within group (order by s.duration_ms) as p90,
      count(*) filter (where s.flagged)::int as flagged,
      avg(s.position)::float8 as mean_position,
      (select m from run_median) as run_median
    from step_executions s
    where ${completedStepCondition(orgId, sopId, filters)}
    group by s.step_id order by mean_position, s.step_id collate "C"`,
  );
  const flags = await flagsByStep(db, orgId, sopId, filters);
  const steps = rows.map((r): StepRow => {
    const medianMs = num(r.median);
    const runMedian = num(r.run_median);
    const executions = int(r.executions);
    return {
      stepId: str(r.step_id),
      executions,
      medianMs,
      p90Ms: num(r.p90),
      share: medianMs === null || !runMedian ? null : medianMs / runMedian,
      flagged: int(r.flagged),
      errorRate: int(r.flagged) / executions,
      flagsByCategory: flags.get(str(r.step_id)) ?? {},
    };
  });
  return { steps, bottleneck: bottleneckOf(steps) };
}

export async function outliersSql(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
): Promise<SopReport['outliers']> {
  const rows = await queryRows(
    db,
    sql`with done as (
      select r.id, r.sop_version, r.duration_ms, r.user_id, r.started_at from runs r where ${completedCondition(orgId, sopId, filters)}
    ), fences as (
      select sop_version,
        percentile_cont(0.75) within group (order by duration_ms)
          + 1.5 * (percentile_cont(0.75) within group (order by duration_ms)
                   - percentile_cont(0.25) within group (order by duration_ms)) as fence
      from done group by sop_version
    )
    select d.id::text as run_id, d.sop_version, d.duration_ms::float8 as duration, f.fence,
      d.user_id::text as user_id, d.started_at::float8 as started_at
    from done d join fences f on f.sop_version = d.sop_version
    where d.duration_ms > f.fence
    order by d.duration_ms desc, d.id limit ${OUTLIER_LIMIT}`,
  );
  return rows.map((r) => ({
    runId: str(r.run_id),
    sopVersion: int(r.sop_version),
    durationMs: int(r.duration),
    fenceMs: int(r.fence),
    userId: str(r.user_id),
    startedAt: num(r.started_at),
  }));
}
