/**
 * Generated run histories for analytics tests: fast-check arbitraries of small runs of
 * the fixture SOP (steps a, b = reading 10–20 °C, c), turned into real event streams
 * with RunBuilder, and readers of the derived rows as the shared analytics types.
 */
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { RunFact, StepFact } from '../../src/shared/analytics.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import type { Queryable } from '../../src/server/db/connect.ts';
import { runs, stepExecutions } from '../../src/server/db/schema.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { push } from '../server/http.ts';
import { IDS, RunBuilder } from './events.ts';
import { publishFixtureSop, type TestDatabase } from './server-db.ts';

export const USERS = [
  '0190a000-0000-7000-8000-0000000000a1',
  '0190a000-0000-7000-8000-0000000000a2',
  '0190a000-0000-7000-8000-0000000000a3',
] as const;
const DAY = 86_400_000;
export const T0 = Date.UTC(2025, 0, 6, 8);

export interface RunSpec {
  version: 1 | 2;
  user: 0 | 1 | 2;
  training: boolean;
  end: 'completed' | 'aborted' | 'open';
  day: number;
  steps: [number, number, number];
  flagStep: number | null;
  reading: number;
  pauseMs: number;
}

/** Runs whose three step times come from `steps`. */
export const runSpecWith = (steps: fc.Arbitrary<[number, number, number]>): fc.Arbitrary<RunSpec> =>
  fc.record({
    version: fc.constantFrom(1 as const, 2 as const),
    user: fc.constantFrom(0 as const, 1 as const, 2 as const),
    training: fc.boolean(),
    end: fc.constantFrom(
      'completed' as const,
      'completed' as const,
      'completed' as const,
      'aborted' as const,
      'open' as const,
    ),
    day: fc.integer({ min: 0, max: 40 }),
    steps,
    flagStep: fc.option(fc.integer({ min: 0, max: 2 })),
    reading: fc.integer({ min: 5, max: 25 }),
    pauseMs: fc.constantFrom(0, 0, 30_000),
  });

export const runSpec = runSpecWith(
  fc.tuple(
    fc.integer({ min: 0, max: 90_000 }),
    fc.integer({ min: 0, max: 90_000 }),
    fc.integer({ min: 1, max: 200_000 }),
  ),
);

/** Runs whose step times take few values, so that steps and runs often last exactly as long. */
export const tiedRunSpec = runSpecWith(
  fc.tuple(fc.constantFrom(1000, 2000), fc.constantFrom(2000, 4000), fc.constantFrom(1000, 3000, 5000)),
);

const FLAG_CATEGORIES = ['defect', 'tool', 'missing_part'] as const;

/** Events of one run; `deviceSeq` continues the device's sequence. */
export function specEvents(spec: RunSpec, runId: string, sopId: string, deviceSeq: number): RunEvent[] {
  const b = new RunBuilder(T0 + spec.day * DAY + spec.steps[0], runId, deviceSeq);
  b.emit('run_started', {
    sopId,
    sopVersion: spec.version,
    userId: USERS[spec.user],
    deviceId: IDS.device,
    training: spec.training,
  });
  b.step('a', spec.steps[0]);
  b.emit('step_started', { stepId: 'b' }).wait(spec.steps[1] / 2);
  if (spec.pauseMs > 0) b.emit('run_paused', {}).wait(spec.pauseMs).emit('run_resumed', {});
  b.emit('reading_recorded', { stepId: 'b', value: spec.reading, unit: '°C' }).wait(spec.steps[1] / 2);
  b.emit('step_completed', { stepId: 'b' });
  if (spec.flagStep !== null) {
    const stepId = ['a', 'b', 'c'][spec.flagStep] as string;
    b.flag(stepId, FLAG_CATEGORIES[spec.flagStep] ?? 'other', 'noted');
  }
  if (spec.end === 'aborted') return b.abort().events;
  b.step('c', spec.steps[2]);
  return spec.end === 'completed' ? b.complete().events : b.events;
}

let datasets = 0;
let deviceSeq = 1;
const sopIdOf = (n: number) => `0190c000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * Publishes a fresh fixture SOP (v1 and v2) and pushes the runs of `specs` through
 * /api/sync/push, in batches; returns the SOP and the events pushed. The events for
 * which `holdBack(index in their run)` is true are not pushed but returned in `held`.
 */
export async function pushHistory(
  t: TestDatabase,
  specs: readonly RunSpec[],
  holdBack: (indexInRun: number) => boolean = () => false,
): Promise<{ sopId: string; events: RunEvent[]; held: RunEvent[] }> {
  datasets += 1;
  const sopId = sopIdOf(datasets);
  await publishFixtureSop(t.db, DEMO_ORG_ID, sopId, 2);
  const events: RunEvent[] = [];
  const held: RunEvent[] = [];
  specs.forEach((spec, i) => {
    const runEvents = specEvents(spec, runIdOf(datasets, i), sopId, deviceSeq);
    deviceSeq += runEvents.length;
    for (const [index, e] of runEvents.entries()) (holdBack(index) ? held : events).push(e);
  });
  for (let i = 0; i < events.length; i += 200) await push(t.app, events.slice(i, i + 200));
  await t.derived();
  return { sopId, events, held };
}

/** A run id that sorts like its index, unique per dataset `prefix` (hex, 0–65535). */
export const runIdOf = (prefix: number, i: number) =>
  `0190b000-${prefix.toString(16).padStart(4, '0')}-7000-8000-${i.toString(16).padStart(12, '0')}`;

export async function readRunFacts(db: Queryable, orgId: string, sopId: string): Promise<RunFact[]> {
  const rows = await db
    .select()
    .from(runs)
    .where(and(eq(runs.orgId, orgId), eq(runs.sopId, sopId)));
  return rows.map((r) => ({
    id: r.id,
    sopId: r.sopId,
    sopVersion: r.sopVersion,
    userId: r.userId,
    training: r.training,
    status: r.status,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    activeDurationMs: r.activeDurationMs,
    errored: r.errored,
  }));
}

export async function readStepFacts(db: Queryable, orgId: string, sopId: string): Promise<StepFact[]> {
  const rows = await db
    .select()
    .from(stepExecutions)
    .where(and(eq(stepExecutions.orgId, orgId), eq(stepExecutions.sopId, sopId)));
  return rows.map((s) => ({
    runId: s.runId,
    stepId: s.stepId,
    position: s.position,
    sopVersion: s.sopVersion,
    runStatus: s.runStatus,
    durationMs: s.durationMs,
    activeDurationMs: s.activeDurationMs,
    flagged: s.flagged,
    flagCategories: s.flagCategories,
  }));
}
