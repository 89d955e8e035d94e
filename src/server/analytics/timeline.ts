/** GET /api/analytics/runs/:id/timeline: one run's events laid out by the shared runTimeline. */
import { and, asc, eq } from 'drizzle-orm';
import { runTimeline } from '../../shared/analytics-timeline.ts';
import type { Timeline } from '../../shared/analytics-wire.ts';
import { RunEvent } from '../../shared/events.ts';
import type { LocalizedText } from '../../shared/sop.ts';
import type { Queryable } from '../db/connect.ts';
import { people } from '../db/schema-analytics.ts';
import { runEvents, runs, sops, sopVersions } from '../db/schema.ts';

async function loadEvents(db: Queryable, orgId: string, runId: string): Promise<RunEvent[]> {
  const rows = await db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.orgId, orgId), eq(runEvents.runId, runId)))
    .orderBy(asc(runEvents.seq));
  return rows.map((row) => RunEvent.parse({ ...row, payload: row.payload }));
}

export async function readTimeline(db: Queryable, orgId: string, runId: string): Promise<Timeline | null> {
  const [run] = await db
    .select({ run: runs, title: sops.title, content: sopVersions.content, userName: people.name })
    .from(runs)
    .innerJoin(sops, and(eq(sops.orgId, runs.orgId), eq(sops.id, runs.sopId)))
    .innerJoin(
      sopVersions,
      and(
        eq(sopVersions.orgId, runs.orgId),
        eq(sopVersions.sopId, runs.sopId),
        eq(sopVersions.version, runs.sopVersion),
      ),
    )
    .leftJoin(people, and(eq(people.orgId, runs.orgId), eq(people.id, runs.userId)))
    .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)));
  if (!run) return null;
  const steps = run.content.steps;
  const titles = new Map<string, LocalizedText>(steps.map((s) => [s.id, s.title]));
  const laid = runTimeline(await loadEvents(db, orgId, runId), steps);
  const r = run.run;
  return {
    run: {
      id: r.id,
      sopId: r.sopId,
      sopTitle: run.title,
      sopVersion: r.sopVersion,
      userId: r.userId,
      userName: run.userName,
      status: r.status,
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      activeDurationMs: r.activeDurationMs,
      training: r.training,
    },
    segments: laid.segments.map((s) => ({ ...s, title: titles.get(s.stepId) ?? { en: s.stepId } })),
    pauses: laid.pauses,
    marks: laid.marks,
  };
}
