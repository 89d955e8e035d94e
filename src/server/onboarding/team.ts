/**
 * The onboarding team view: for each person with a track, each SOP of the track with
 * their learning curve (completed runs by number), the team's band (quartiles and
 * median of everyone else's completed regular runs of that SOP, all versions — the
 * proficiency baseline of design.md, in SQL) and their proficiency status computed by
 * the shared rule (analytics-compare.ts proficiency).
 */
import { sql } from 'drizzle-orm';
import type { RunFact } from '../../shared/analytics.ts';
import { learningCurve, proficiency } from '../../shared/analytics-compare.ts';
import type { OnboardingTeam } from '../../shared/analytics-wire.ts';
import type { LocalizedText } from '../../shared/sop.ts';
import { bool, int, num, queryRows, str } from '../analytics/sql-rows.ts';
import type { Queryable } from '../db/connect.ts';
import { listPeople, readTracks } from './people.ts';

type TrackItem = OnboardingTeam['people'][number]['track'][number];

async function personRuns(db: Queryable, orgId: string, userId: string, sopId: string): Promise<RunFact[]> {
  const rows = await queryRows(
    db,
    sql`select r.id::text as id, r.sop_version, r.training, r.status, r.started_at::float8 as started_at,
      r.duration_ms::float8 as duration, r.active_duration_ms::float8 as active, r.errored
    from runs r where r.org_id = ${orgId} and r.sop_id = ${sopId} and r.user_id = ${userId}`,
  );
  return rows.map((r) => ({
    id: str(r.id),
    sopId,
    sopVersion: int(r.sop_version),
    userId,
    training: bool(r.training),
    status: str(r.status) as RunFact['status'],
    startedAt: num(r.started_at),
    durationMs: num(r.duration),
    activeDurationMs: num(r.active),
    errored: bool(r.errored),
  }));
}

/** Quartiles of everyone else's completed non-training runs of the SOP, all versions. */
async function teamBand(db: Queryable, orgId: string, userId: string, sopId: string) {
  const [row] = await queryRows(
    db,
    sql`select percentile_cont(0.25) within group (order by r.duration_ms) as q1,
      percentile_cont(0.5) within group (order by r.duration_ms) as median,
      percentile_cont(0.75) within group (order by r.duration_ms) as q3
    from runs r where r.org_id = ${orgId} and r.sop_id = ${sopId} and r.user_id <> ${userId}
      and r.status = 'completed' and r.duration_ms is not null and not r.training`,
  );
  return { q1: num(row?.q1), median: num(row?.median), q3: num(row?.q3) };
}

async function sopTitles(db: Queryable, orgId: string): Promise<Map<string, LocalizedText>> {
  const rows = await queryRows(db, sql`select id::text as id, title from sops where org_id = ${orgId}`);
  return new Map(rows.map((r) => [str(r.id), r.title as LocalizedText]));
}

export async function trackItem(
  db: Queryable,
  orgId: string,
  userId: string,
  sopId: string,
  title: LocalizedText,
): Promise<TrackItem> {
  const curve = learningCurve(await personRuns(db, orgId, userId, sopId));
  const band = await teamBand(db, orgId, userId, sopId);
  const status = proficiency(curve, band.median);
  return {
    sopId,
    title,
    runs: curve.length,
    reached: status.reached,
    atRun: status.atRun,
    days: status.days,
    thresholdMs: status.thresholdMs,
    baselineMs: band.median,
    teamQ1Ms: band.q1,
    teamQ3Ms: band.q3,
    curve,
  };
}

/** Everyone with an onboarding track, with the status of each SOP of their track. */
export async function onboardingTeam(db: Queryable, orgId: string): Promise<OnboardingTeam> {
  const [everyone, tracks, titles] = [
    await listPeople(db, orgId),
    await readTracks(db, orgId),
    await sopTitles(db, orgId),
  ];
  const result: OnboardingTeam = { people: [] };
  for (const person of everyone) {
    const sopIds = tracks.get(person.id);
    if (!sopIds) continue;
    const track: TrackItem[] = [];
    for (const sopId of sopIds)
      track.push(await trackItem(db, orgId, person.id, sopId, titles.get(sopId) ?? { en: sopId }));
    result.people.push({ ...person, track });
  }
  return result;
}
