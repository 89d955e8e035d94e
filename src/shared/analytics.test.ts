import { describe, expect, it } from 'vitest';
import {
  durationStats,
  outcomeRates,
  outlierRuns,
  perPerson,
  type RunFact,
  type StepFact,
  stepTable,
  weeklyTrend,
  weekStart,
} from './analytics.ts';
import { compareVersions, learningCurve, proficiency, proficiencyBaseline } from './analytics-compare.ts';

const MIN = 60_000;
const DAY = 86_400_000;
/** Monday 2024-01-01 00:00 UTC. */
const MONDAY = Date.UTC(2024, 0, 1);

let next = 0;
function run(durationMin: number | null, over: Partial<RunFact> = {}): RunFact {
  next += 1;
  return {
    id: `r${String(next).padStart(3, '0')}`,
    sopId: 'sop',
    sopVersion: 1,
    userId: 'ann',
    training: false,
    status: 'completed',
    startedAt: MONDAY + next * 1000,
    durationMs: durationMin === null ? null : durationMin * MIN,
    activeDurationMs: durationMin === null ? null : durationMin * MIN - 1000,
    errored: false,
    ...over,
  };
}

const step = (runId: string, stepId: string, position: number, min: number, flags: string[] = []): StepFact => ({
  runId,
  stepId,
  position,
  sopVersion: 1,
  runStatus: 'completed',
  durationMs: min * MIN,
  activeDurationMs: min * MIN,
  flagged: flags.length > 0,
  flagCategories: flags,
});

describe('durations and rates', () => {
  it('count only completed runs in durations, and define every rate as design.md says', () => {
    const runs = [
      run(10),
      run(20, { errored: true }),
      run(30),
      run(40),
      run(null, { status: 'aborted' }),
      run(null, { status: 'in_progress' }),
    ];
    const stats = durationStats(runs);
    expect(stats).toMatchObject({ completed: 4, aborted: 1, medianMs: 25 * MIN, meanMs: 25 * MIN });
    // p90 of 10, 20, 30, 40: rank 0.9·3 = 2.7 → 30 + 0.7·10 = 37 min.
    expect(stats.p90Ms).toBeCloseTo(37 * MIN, 6);
    expect(stats.activeMedianMs).toBe(25 * MIN - 1000);
    expect(outcomeRates(runs)).toEqual({
      completed: 4,
      aborted: 1,
      errored: 1,
      errorRate: 0.25,
      firstPassYield: 0.75,
      abandonRate: 0.2,
    });
  });

  it('says "no data" with nulls rather than zeros', () => {
    expect(outcomeRates([])).toMatchObject({ errorRate: null, firstPassYield: null, abandonRate: null });
    expect(durationStats([]).medianMs).toBeNull();
  });
});

describe('step table', () => {
  it('gives each step its median, share of the run, error rate and flags, and finds the bottleneck', () => {
    const runs = [run(10), run(20), run(30), run(null, { status: 'aborted' })];
    const [r1, r2, r3, aborted] = runs.map((r) => r.id) as [string, string, string, string];
    const steps = [
      step(r1, 'a', 0, 2),
      step(r1, 'b', 1, 8, ['defect']),
      step(r2, 'a', 0, 4),
      step(r2, 'b', 1, 16),
      step(r3, 'a', 0, 6, ['tool', 'safety']),
      step(r3, 'b', 1, 24, ['defect']),
      step(aborted, 'a', 0, 99, ['other']),
    ];
    const table = stepTable(runs, steps);
    expect(table.bottleneck).toBe('b');
    expect(table.steps.map((s) => s.stepId)).toEqual(['a', 'b']);
    expect(table.steps[0]).toMatchObject({ executions: 3, medianMs: 4 * MIN, share: 0.2, flagged: 1 });
    expect(table.steps[0]?.flagsByCategory).toEqual({ tool: 1, safety: 1 });
    expect(table.steps[1]).toMatchObject({ medianMs: 16 * MIN, share: 0.8, flagged: 2, errorRate: 2 / 3 });
  });
});

describe('outliers, trend and people', () => {
  it('flags runs above Q3 + 1.5·IQR of their own version', () => {
    // 10, 11, 12, 13, 60: Q1 = 11, Q3 = 13, fence = 16 → only 60 is an outlier.
    const v1 = [10, 11, 12, 13, 60].map((m) => run(m));
    const v2 = [60, 61, 62].map((m) => run(m, { sopVersion: 2 }));
    const outliers = outlierRuns([...v1, ...v2]);
    expect(outliers).toEqual([{ runId: v1[4]?.id, sopVersion: 1, durationMs: 60 * MIN, fenceMs: 16 * MIN }]);
  });

  it('groups runs by ISO week starting Monday UTC', () => {
    expect(weekStart(MONDAY + 6 * DAY + DAY - 1)).toBe(MONDAY);
    expect(weekStart(MONDAY - 1)).toBe(MONDAY - 7 * DAY);
    const runs = [run(10), run(20), run(30, { startedAt: MONDAY + 8 * DAY })];
    expect(weeklyTrend(runs)).toEqual([
      { weekStart: MONDAY, runs: 2, medianMs: 15 * MIN },
      { weekStart: MONDAY + 7 * DAY, runs: 1, medianMs: 30 * MIN },
    ]);
  });

  it('breaks down per person', () => {
    const rows = perPerson([run(10, { userId: 'bob', errored: true }), run(30, { userId: 'bob' }), run(5)]);
    expect(rows).toEqual([
      { userId: 'ann', completed: 1, medianMs: 5 * MIN, errorRate: 0 },
      { userId: 'bob', completed: 2, medianMs: 20 * MIN, errorRate: 0.5 },
    ]);
  });
});

describe('version comparison', () => {
  it('compares medians, error rates and says whether each difference is meaningful', () => {
    const v1 = [50, 52, 54, 56, 58, 60, 62, 64].map((m, i) => run(m, { errored: i < 2 }));
    const v2 = [30, 31, 32, 33, 34, 35, 36, 37].map((m) => run(m, { sopVersion: 2 }));
    const result = compareVersions({ runs: v1, steps: [] }, { runs: v2, steps: [] });
    expect(result.runs.a).toMatchObject({ n: 8, medianMs: 57 * MIN, errored: 2, errorRate: 0.25 });
    expect(result.runs.b).toMatchObject({ n: 8, medianMs: 33.5 * MIN, errorRate: 0 });
    expect(result.runs.medianChange).toBeCloseTo((33.5 - 57) / 57, 12);
    // Complete separation of 8 and 8: exact p = 2/C(16,8) = 2/12870.
    expect(result.runs.durationP).toBeCloseTo(2 / 12870, 14);
    expect(result.runs.durationSignificant).toBe(true);
    // [[2, 6], [0, 8]]: Fisher p = 0.4667 → could be chance.
    expect(result.runs.errorP).toBeCloseTo(7 / 15, 12);
    expect(result.runs.errorSignificant).toBe(false);
  });

  it('matches steps by stable id, in the order asked, including steps only one version has', () => {
    const a = run(10);
    const b = run(8, { sopVersion: 2 });
    const result = compareVersions(
      { runs: [a], steps: [step(a.id, 'x', 0, 4), step(a.id, 'old', 1, 6)] },
      { runs: [b], steps: [step(b.id, 'x', 0, 2), step(b.id, 'new', 1, 6)] },
      ['x', 'new'],
    );
    expect(result.steps.map((s) => [s.stepId, s.a.n, s.b.n])).toEqual([
      ['x', 1, 1],
      ['new', 0, 1],
      ['old', 1, 0],
    ]);
    expect(result.steps[0]?.medianChange).toBe(-0.5);
  });
});

describe('proficiency (design.md)', () => {
  const others = [20, 20, 20, 40, 40].map((m) => run(m, { userId: 'team' }));
  const trainingOfOthers = run(1, { userId: 'team', training: true });

  it('baseline = median of everyone else’s completed regular runs, all versions', () => {
    expect(proficiencyBaseline([...others, trainingOfOthers, run(1)], 'ann')).toBe(20 * MIN);
  });

  it('is reached at the k-th run when the last 3 are clean with a median ≤ 1.25 × baseline', () => {
    const newHire = [60, 40, 24, 26, 22, 30].map((m, i) =>
      run(m, { userId: 'new', training: i < 2, startedAt: MONDAY + i * 2 * DAY, errored: i === 3 }),
    );
    const curve = learningCurve(newHire);
    expect(curve.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6]);
    // Threshold 25 min. Windows: (60,40,24) 40 ✗; (40,24,26e) errored; (24,26e,22) errored;
    // (26e,22,30) errored → not yet.
    expect(proficiency(curve, proficiencyBaseline([...others, ...newHire], 'new'))).toEqual({
      reached: false,
      atRun: null,
      days: null,
      thresholdMs: 25 * MIN,
    });
    const later = [...newHire, run(20, { userId: 'new', startedAt: MONDAY + 13 * DAY + 5 })];
    // Window (22, 30, 20): clean, median 22 ≤ 25 → reached at run 7, 13 days after the first.
    expect(proficiency(learningCurve(later), 20 * MIN)).toEqual({
      reached: true,
      atRun: 7,
      days: 13,
      thresholdMs: 25 * MIN,
    });
  });

  it('cannot be judged without a baseline', () => {
    expect(proficiency(learningCurve([run(1), run(1), run(1)]), null).reached).toBe(false);
  });
});
