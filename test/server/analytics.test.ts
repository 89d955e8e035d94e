/**
 * The analytics SQL equals the shared pure functions on generated histories (pushed
 * through the real /api/sync/push), to the millisecond and the exact rate; and late,
 * duplicated and reordered events give the same numbers.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  durationStats,
  outcomeRates,
  outlierRuns,
  perPerson,
  type RunFact,
  type StepFact,
  stepTable,
  upperFence,
  weeklyTrend,
  completedRuns,
} from '../../src/shared/analytics.ts';
import { compareVersions } from '../../src/shared/analytics-compare.ts';
import { type AnalyticsFilters, SopReport, VersionComparisonWire } from '../../src/shared/analytics-wire.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { percentile } from '../../src/shared/percentile.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import {
  readRunFacts,
  readStepFacts,
  type RunSpec,
  runIdOf,
  runSpec,
  specEvents,
  T0,
  USERS,
} from '../support/analytics-data.ts';
import { openTestDatabase, publishFixtureSop, type TestDatabase } from '../support/server-db.ts';
import { push, url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

let dataset = 0;
let deviceSeq = 1;
const sopIdOf = (n: number) => `0190c000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** Publishes a fresh fixture SOP (v1 and v2) and pushes the runs of `specs`, in batches. */
async function pushDataset(specs: readonly RunSpec[]): Promise<{ sopId: string; events: RunEvent[] }> {
  dataset += 1;
  const sopId = sopIdOf(dataset);
  await publishFixtureSop(t.db, DEMO_ORG_ID, sopId, 2);
  const events: RunEvent[] = [];
  specs.forEach((spec, i) => {
    const runEvents = specEvents(spec, runIdOf(dataset, i), sopId, deviceSeq);
    deviceSeq += runEvents.length;
    events.push(...runEvents);
  });
  for (let i = 0; i < events.length; i += 200) await push(t.app, events.slice(i, i + 200));
  return { sopId, events };
}

const DAY = 86_400_000;
const isoDay = (day: number) => new Date(T0 + day * DAY).toISOString().slice(0, 10);

function applyFilters(runs: RunFact[], steps: StepFact[], f: AnalyticsFilters) {
  const from = f.from ? Date.parse(`${f.from}T00:00:00Z`) : -Infinity;
  const to = f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY : Infinity;
  const kept = runs.filter(
    (r) =>
      r.startedAt !== null &&
      r.startedAt >= from &&
      r.startedAt < to &&
      (!f.version || r.sopVersion === Number(f.version)) &&
      (!f.person || r.userId === f.person) &&
      (f.training !== 'regular' || !r.training) &&
      (f.training !== 'training' || r.training),
  );
  const ids = new Set(kept.map((r) => r.id));
  return { runs: kept, steps: steps.filter((s) => ids.has(s.runId)) };
}

const filtersArb: fc.Arbitrary<AnalyticsFilters> = fc.record(
  {
    from: fc.integer({ min: 0, max: 20 }).map(isoDay),
    to: fc.integer({ min: 15, max: 45 }).map(isoDay),
    version: fc.constantFrom('1', '2'),
    person: fc.constantFrom(...USERS),
    training: fc.constantFrom('all' as const, 'regular' as const, 'training' as const),
  },
  { requiredKeys: [] },
);

async function getJson(path: string): Promise<unknown> {
  const res = await t.app.request(url(path));
  expect(res.status, path).toBe(200);
  return res.json();
}

const queryString = (f: AnalyticsFilters) => new URLSearchParams(f as Record<string, string>).toString();

async function expectReportMatches(sopId: string, filters: AnalyticsFilters): Promise<void> {
  const report = SopReport.parse(await getJson(`/api/analytics/sops/${sopId}?${queryString(filters)}`));
  const all = {
    runs: await readRunFacts(t.db, DEMO_ORG_ID, sopId),
    steps: await readStepFacts(t.db, DEMO_ORG_ID, sopId),
  };
  const { runs, steps } = applyFilters(all.runs, all.steps, filters);
  expect(report.durations).toEqual(durationStats(runs));
  expect(report.rates).toEqual(outcomeRates(runs));
  const table = stepTable(runs, steps);
  expect(report.steps.map(({ title: _t, ...row }) => row)).toEqual(table.steps);
  expect(report.bottleneck).toBe(table.bottleneck);
  expect(report.trend).toEqual(weeklyTrend(runs));
  expect(report.people.map(({ name: _n, ...row }) => row)).toEqual(perPerson(runs));
  const outliers = outlierRuns(runs).slice(0, 50);
  expect(report.outliers.map(({ userId: _u, startedAt: _s, ...o }) => o)).toEqual(outliers);
  const durations = completedRuns(runs).map((r) => r.durationMs as number);
  expect(report.box).toEqual({
    minMs: durations.length ? Math.min(...durations) : null,
    q1Ms: percentile(durations, 0.25),
    medianMs: percentile(durations, 0.5),
    q3Ms: percentile(durations, 0.75),
    maxMs: durations.length ? Math.max(...durations) : null,
    fenceMs: upperFence(durations),
  });
}

describe('analytics SQL = shared pure functions', () => {
  it('per-SOP report, for any history and any filters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(runSpec, { minLength: 0, maxLength: 25 }), filtersArb, async (specs, filters) => {
        const { sopId } = await pushDataset(specs);
        await expectReportMatches(sopId, {});
        await expectReportMatches(sopId, filters);
      }),
      { numRuns: 12 },
    );
  });

  it('version comparison, per run and per stable step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(runSpec, { minLength: 1, maxLength: 30 }), async (specs) => {
        const { sopId } = await pushDataset(specs);
        const body = VersionComparisonWire.parse(await getJson(`/api/analytics/sops/${sopId}/compare?a=1&b=2`));
        const runs = await readRunFacts(t.db, DEMO_ORG_ID, sopId);
        const steps = await readStepFacts(t.db, DEMO_ORG_ID, sopId);
        const of = (v: number) => ({
          runs: runs.filter((r) => r.sopVersion === v),
          steps: steps.filter((s) => s.sopVersion === v),
        });
        const expected = compareVersions(of(1), of(2), ['a', 'b', 'c']);
        expect(body.runs).toEqual(expected.runs);
        expect(body.steps.map(({ title: _t, ...s }) => s)).toEqual(expected.steps);
      }),
      { numRuns: 8 },
    );
  });
});

describe('late, duplicated and reordered events', () => {
  it('give the same report as a perfect stream', async () => {
    const specs = fc.sample(fc.array(runSpec, { minLength: 15, maxLength: 15 }), {
      seed: 42,
      numRuns: 1,
    })[0] as RunSpec[];
    const { sopId, events } = await pushDataset(specs);
    const perfect = await getJson(`/api/analytics/sops/${sopId}`);
    const comparison = await getJson(`/api/analytics/sops/${sopId}/compare?a=1&b=2`);
    await t.reset();
    await publishFixtureSop(t.db, DEMO_ORG_ID, sopId, 2);
    // Reversed, in small batches, every third event sent twice, the first half again at the end (late).
    const messy = [...events].reverse().flatMap((e, i) => (i % 3 === 0 ? [e, e] : [e]));
    const batches: RunEvent[][] = [];
    for (let i = 0; i < messy.length; i += 37) batches.push(messy.slice(i, i + 37));
    batches.push(events.slice(0, events.length / 2));
    for (const batch of batches) await push(t.app, batch);
    expect(await getJson(`/api/analytics/sops/${sopId}`)).toEqual(perfect);
    expect(await getJson(`/api/analytics/sops/${sopId}/compare?a=1&b=2`)).toEqual(comparison);
  });
});
