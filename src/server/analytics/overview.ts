/**
 * The owner's overview: the four KPIs of the literature — average and median time per
 * process, error rate and first-pass yield, onboarding time of new hires, active SOPs
 * with their last update and overdue reviews — plus the runs of this week and the data
 * freshness of each device (its last sync), so that "not synced yet" is never read as
 * "not done". Active SOP = published; last update = newest version's publish date;
 * review overdue = now > last review + review interval (design.md "SOP health").
 */
import { sql } from 'drizzle-orm';
import { weekStart } from '../../shared/analytics.ts';
import type { Overview } from '../../shared/analytics-wire.ts';
import { median } from '../../shared/percentile.ts';
import type { LocalizedText } from '../../shared/sop.ts';
import type { Queryable } from '../db/connect.ts';
import { onboardingTeam } from '../onboarding/team.ts';
import { int, num, queryRows, str } from './sql-rows.ts';

const DAY_MS = 86_400_000;
const epoch = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

async function sopRows(db: Queryable, orgId: string, now: number): Promise<Overview['sops']> {
  const rows = await queryRows(
    db,
    sql`select s.id::text as id, s.title, s.status, s.review_interval_days as interval_days,
      ${epoch('s.last_reviewed_at')} as reviewed, v.latest, ${epoch('v.last_update')} as last_update,
      coalesce(st.completed, 0) as completed, st.mean, st.median, coalesce(st.errored, 0) as errored
    from sops s
    left join lateral (select max(version) as latest, max(published_at) as last_update from sop_versions v
      where v.org_id = s.org_id and v.sop_id = s.id) v on true
    left join (select r.sop_id, count(*)::int as completed, avg(r.duration_ms)::float8 as mean,
        percentile_cont(0.5) within group (order by r.duration_ms) as median,
        count(*) filter (where r.errored)::int as errored
      from runs r where r.org_id = ${orgId} and r.status = 'completed' and r.duration_ms is not null
      group by r.sop_id) st on st.sop_id = s.id
    where s.org_id = ${orgId} order by s.created_at, s.id`,
  );
  return rows.map((r) => {
    const completed = int(r.completed);
    const reviewed = num(r.reviewed);
    const reviewDue = reviewed === null ? null : reviewed + int(r.interval_days) * DAY_MS;
    const status = str(r.status) as Overview['sops'][number]['status'];
    const errorRate = completed === 0 ? null : int(r.errored) / completed;
    return {
      id: str(r.id),
      title: r.title as LocalizedText,
      status,
      latestVersion: num(r.latest),
      lastUpdate: num(r.last_update),
      reviewDue,
      reviewOverdue: status === 'published' && reviewDue !== null && now > reviewDue,
      completed,
      meanMs: num(r.mean),
      medianMs: num(r.median),
      errorRate,
      firstPassYield: errorRate === null ? null : 1 - errorRate,
    };
  });
}

async function runsThisWeek(db: Queryable, orgId: string, now: number): Promise<Overview['runsThisWeek']> {
  const [row] = await queryRows(
    db,
    sql`select count(*)::int as started, count(*) filter (where r.status = 'completed')::int as completed
    from runs r where r.org_id = ${orgId} and r.started_at >= ${weekStart(now)}`,
  );
  return { started: int(row?.started), completed: int(row?.completed) };
}

async function devices(db: Queryable, orgId: string): Promise<Overview['devices']> {
  const rows = await queryRows(
    db,
    sql`select d.device_id::text as device_id, ${epoch('d.last_sync_at')} as last_sync, d.app_version,
      (select coalesce(p.name, r.user_id::text) from runs r
        left join people p on p.org_id = r.org_id and p.id = r.user_id
        where r.org_id = d.org_id and r.device_id = d.device_id
        order by r.started_at desc nulls last limit 1) as last_user
    from devices d where d.org_id = ${orgId} order by d.last_sync_at`,
  );
  return rows.map((r) => ({
    deviceId: str(r.device_id),
    lastSyncAt: num(r.last_sync) ?? 0,
    appVersion: str(r.app_version),
    lastUser: typeof r.last_user === 'string' ? r.last_user : null,
  }));
}

async function onboardingSummary(db: Queryable, orgId: string): Promise<Overview['onboarding']> {
  const team = await onboardingTeam(db, orgId);
  const days = team.people.flatMap((p) => p.track.filter((t) => t.reached).map((t) => t.days as number));
  return { people: team.people.length, proficientPairs: days.length, medianDaysToProficiency: median(days) };
}

export async function readOverview(db: Queryable, orgId: string, now = Date.now()): Promise<Overview> {
  const sops = await sopRows(db, orgId, now);
  return {
    now,
    sops,
    activeSops: sops.filter((s) => s.status === 'published').length,
    overdueReviews: sops.filter((s) => s.reviewOverdue).length,
    runsThisWeek: await runsThisWeek(db, orgId, now),
    onboarding: await onboardingSummary(db, orgId),
    devices: await devices(db, orgId),
  };
}
