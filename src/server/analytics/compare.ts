/**
 * Version before/after of one SOP (design.md "Version comparison"): n, median, p90 and
 * errored count per version, for whole runs and per stable step id, computed in SQL;
 * the durations are fetched too, for the Mann–Whitney U test, and the shared stats
 * (compareGroups) turn both into relative changes, p-values and significance flags.
 * Only completed runs count.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Comparison, compareGroups, type MeasuredGroup } from '../../shared/analytics-compare.ts';
import type { Queryable } from '../db/connect.ts';
import { int, num, queryRows, type Row, str } from './sql-rows.ts';

const numbers = (value: unknown): number[] => {
  if (!Array.isArray(value)) throw new TypeError('expected an array');
  return value.map((v) => int(v));
};

function measuredOf(row: Row | undefined): MeasuredGroup {
  if (!row) return { stats: { n: 0, medianMs: null, p90Ms: null, errored: 0, errorRate: null }, durations: [] };
  const n = int(row.n);
  const errored = int(row.errored);
  return {
    stats: { n, medianMs: num(row.median), p90Ms: num(row.p90), errored, errorRate: n === 0 ? null : errored / n },
    durations: numbers(row.durations),
  };
}

const groupColumns = (duration: string, bad: string) =>
  sql.raw(`count(*)::int as n,
    percentile_cont(0.5) within group (order by ${duration}) as median,
    percentile_cont(0.9) within group (order by ${duration}) as p90,
    count(*) filter (where ${bad})::int as errored,
    array_agg(${duration}::float8) as durations`);

function doneRuns(orgId: string, sopId: string, versions: number[]): SQL {
  return sql`r.org_id = ${orgId} and r.sop_id = ${sopId} and r.status = 'completed'
    and r.duration_ms is not null and r.sop_version in (${sql.join(
      versions.map((v) => sql`${v}`),
      sql`, `,
    )})`;
}

export interface SqlVersionComparison {
  runs: Comparison;
  steps: (Comparison & { stepId: string })[];
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
  const where = doneRuns(orgId, sopId, [a, b]);
  const runRows = await queryRows(
    db,
    sql`select r.sop_version, ${groupColumns('r.duration_ms', 'r.errored')} from runs r where ${where} group by 1`,
  );
  const stepRows = await queryRows(
    db,
    sql`select s.step_id, s.sop_version, ${groupColumns('s.duration_ms', 's.flagged')}
    from step_executions s
    where s.org_id = ${orgId} and s.sop_id = ${sopId} and s.run_status = 'completed'
      and s.sop_version in (${sql.join([sql`${a}`, sql`${b}`], sql`, `)})
    group by 1, 2`,
  );
  const runOf = (v: number) => runRows.find((r) => int(r.sop_version) === v);
  const stepOf = (id: string, v: number) => stepRows.find((r) => str(r.step_id) === id && int(r.sop_version) === v);
  const ids = [...new Set(stepRows.map((r) => str(r.step_id)))];
  const rest = ids.filter((id) => !stepOrder.includes(id)).sort();
  const ordered = [...stepOrder.filter((id) => ids.includes(id)), ...rest];
  return {
    runs: compareGroups(measuredOf(runOf(a)), measuredOf(runOf(b))),
    steps: ordered.map((stepId) => ({
      stepId,
      ...compareGroups(measuredOf(stepOf(stepId, a)), measuredOf(stepOf(stepId, b))),
    })),
  };
}
