/** A run as the server derived it from its events (see sync/derive-runs.ts). */
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/connect.ts';
import { runs, stepExecutions } from '../db/schema.ts';

export interface DerivedStep {
  stepId: string;
  status: 'pending' | 'done' | 'skipped';
  durationMs: number;
  activeDurationMs: number;
  flagged: boolean;
  flagCategories: string[];
}

export interface DerivedRun {
  id: string;
  sopId: string;
  sopVersion: number;
  userId: string;
  deviceId: string;
  training: boolean;
  status: 'in_progress' | 'completed' | 'aborted';
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  activeDurationMs: number | null;
  flaggedSteps: number;
  errored: boolean;
  steps: DerivedStep[];
}

export async function readRun(db: Queryable, orgId: string, runId: string): Promise<DerivedRun | null> {
  const [run] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.orgId, orgId), eq(runs.id, runId)));
  if (!run) return null;
  const steps = await db
    .select({
      stepId: stepExecutions.stepId,
      status: stepExecutions.status,
      durationMs: stepExecutions.durationMs,
      activeDurationMs: stepExecutions.activeDurationMs,
      flagged: stepExecutions.flagged,
      flagCategories: stepExecutions.flagCategories,
    })
    .from(stepExecutions)
    .where(and(eq(stepExecutions.orgId, orgId), eq(stepExecutions.runId, runId)))
    .orderBy(asc(stepExecutions.position));
  const { orgId: _org, updatedAt: _updated, ...rest } = run;
  return { ...rest, steps };
}
