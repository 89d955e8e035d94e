/**
 * The per-SOP filters (period, version, person, training) as SQL conditions: on the
 * `runs` table aliased `r`, on `step_executions` aliased `s`, or on a summary table
 * (analytics_duration_buckets, analytics_flag_counts), which carry version, person and
 * training but no time. The period is on the run's start (device time, epoch ms): `from`
 * is the first UTC day included, `to` the last. Step executions carry their run's
 * version, person, training flag and status, so step queries join `runs` only for a
 * period filter.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AnalyticsFilters } from '../../shared/analytics-wire.ts';

const DAY_MS = 86_400_000;
const dayStart = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** True when the filters name a period: only the rows know when a run started. */
export const hasPeriod = (filters: AnalyticsFilters): boolean => Boolean(filters.from || filters.to);

/** Version, person and training conditions on the table aliased `alias`. */
export function dimensionConditions(alias: string, filters: AnalyticsFilters): SQL[] {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  const parts: SQL[] = [];
  if (filters.version) parts.push(sql`${column('sop_version')} = ${Number(filters.version)}`);
  if (filters.person) parts.push(sql`${column('user_id')} = ${filters.person}`);
  if (filters.training === 'regular') parts.push(sql`not ${column('training')}`);
  if (filters.training === 'training') parts.push(sql`${column('training')}`);
  return parts;
}

/** Runs of `sopId` in `orgId` matching `filters` (any status). */
export function runCondition(orgId: string, sopId: string, filters: AnalyticsFilters): SQL {
  const parts: SQL[] = [sql`r.org_id = ${orgId}`, sql`r.sop_id = ${sopId}`];
  if (filters.from) parts.push(sql`r.started_at >= ${dayStart(filters.from)}`);
  if (filters.to) parts.push(sql`r.started_at < ${dayStart(filters.to) + DAY_MS}`);
  parts.push(...dimensionConditions('r', filters));
  return sql.join(parts, sql` and `);
}

/** Completed runs matching the filters: the only ones that enter duration statistics. */
export const completedCondition = (orgId: string, sopId: string, filters: AnalyticsFilters): SQL =>
  sql`${runCondition(orgId, sopId, filters)} and r.status = 'completed' and r.duration_ms is not null`;

/** Step executions of the completed runs of `sopId` matching `filters`. */
export function completedStepCondition(orgId: string, sopId: string, filters: AnalyticsFilters): SQL {
  const parts: SQL[] = [sql`s.org_id = ${orgId}`, sql`s.sop_id = ${sopId}`, sql`s.run_status = 'completed'`];
  parts.push(...dimensionConditions('s', filters));
  if (hasPeriod(filters)) {
    parts.push(sql`s.run_id in (select r.id from runs r where ${completedCondition(orgId, sopId, filters)})`);
  }
  return sql.join(parts, sql` and `);
}
