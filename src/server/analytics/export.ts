/** CSV exports of the runs and of the step executions of a SOP, for the current filters. */
import { sql } from 'drizzle-orm';
import type { AnalyticsFilters } from '../../shared/analytics-wire.ts';
import type { Queryable } from '../db/connect.ts';
import { type Cell, type CsvDialect, isoTime, toCsv } from './csv.ts';
import { runCondition } from './filters.ts';
import { bool, int, num, queryRows, str, strings } from './sql-rows.ts';

const RUN_HEADER = [
  'run_id',
  'sop_version',
  'user_id',
  'person',
  'training',
  'status',
  'started_at',
  'ended_at',
  'duration_s',
  'active_duration_s',
  'flagged_steps',
  'errored',
];
const STEP_HEADER = [
  'run_id',
  'sop_version',
  'user_id',
  'training',
  'run_status',
  'position',
  'step_id',
  'status',
  'duration_s',
  'active_duration_s',
  'flagged',
  'flag_categories',
];

const seconds = (ms: unknown): number | null => {
  const value = num(ms);
  return value === null ? null : value / 1000;
};

export async function exportRuns(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
  dialect: CsvDialect,
) {
  const rows = await queryRows(
    db,
    sql`select r.id::text as id, r.sop_version, r.user_id::text as user_id, p.name, r.training, r.status,
      r.started_at::float8 as started_at, r.ended_at::float8 as ended_at, r.duration_ms::float8 as duration,
      r.active_duration_ms::float8 as active, r.flagged_steps, r.errored
    from runs r left join people p on p.org_id = r.org_id and p.id = r.user_id
    where ${runCondition(orgId, sopId, filters)} order by r.started_at, r.id`,
  );
  const cells = rows.map((r): Cell[] => [
    str(r.id),
    int(r.sop_version),
    str(r.user_id),
    typeof r.name === 'string' ? r.name : null,
    bool(r.training),
    str(r.status),
    isoTime(num(r.started_at)),
    isoTime(num(r.ended_at)),
    seconds(r.duration),
    seconds(r.active),
    int(r.flagged_steps),
    bool(r.errored),
  ]);
  return toCsv(RUN_HEADER, cells, dialect);
}

export async function exportSteps(
  db: Queryable,
  orgId: string,
  sopId: string,
  filters: AnalyticsFilters,
  dialect: CsvDialect,
) {
  const rows = await queryRows(
    db,
    sql`select s.run_id::text as run_id, s.sop_version, s.user_id::text as user_id, s.training, s.run_status,
      s.position, s.step_id, s.status, s.duration_ms::float8 as duration, s.active_duration_ms::float8 as active,
      s.flagged, s.flag_categories
    from runs r join step_executions s on s.org_id = r.org_id and s.run_id = r.id
    where ${runCondition(orgId, sopId, filters)} and s.org_id = ${orgId} and s.sop_id = ${sopId}
    order by r.started_at, s.run_id, s.position`,
  );
  const cells = rows.map((r): Cell[] => [
    str(r.run_id),
    int(r.sop_version),
    str(r.user_id),
    bool(r.training),
    str(r.run_status),
    int(r.position),
    str(r.step_id),
    str(r.status),
    seconds(r.duration),
    seconds(r.active),
    bool(r.flagged),
    strings(r.flag_categories).join(' '),
  ]);
  return toCsv(STEP_HEADER, cells, dialect);
}
