/**
 * Expectations of the analytics API against the shared pure functions (the contract):
 * the report and the version comparison the server answers must equal, to the
 * millisecond and the exact rate, what src/shared/analytics*.ts computes from the
 * derived rows themselves.
 */
import { expect } from 'vitest';
import {
  completedRuns,
  durationStats,
  outcomeRates,
  outlierRuns,
  perPerson,
  type RunFact,
  type StepFact,
  stepTable,
  upperFence,
  weeklyTrend,
} from '../../src/shared/analytics.ts';
import { compareVersions } from '../../src/shared/analytics-compare.ts';
import { type AnalyticsFilters, SopReport, VersionComparisonWire } from '../../src/shared/analytics-wire.ts';
import { percentile } from '../../src/shared/percentile.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { url } from '../server/http.ts';
import { readRunFacts, readStepFacts } from './analytics-data.ts';
import type { TestDatabase } from './server-db.ts';

const DAY = 86_400_000;

export async function getJson(t: TestDatabase, path: string): Promise<unknown> {
  const res = await t.app.request(url(path));
  expect(res.status, path).toBe(200);
  return res.json();
}

/** The runs the filters keep, and their step executions. */
export function applyFilters(runs: RunFact[], steps: StepFact[], f: AnalyticsFilters) {
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

const queryString = (f: AnalyticsFilters) => new URLSearchParams(f as Record<string, string>).toString();

export async function expectReportMatches(t: TestDatabase, sopId: string, filters: AnalyticsFilters): Promise<void> {
  const report = SopReport.parse(await getJson(t, `/api/analytics/sops/${sopId}?${queryString(filters)}`));
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

/** Version a against b; steps ordered like the fixture SOP (a, b, c), then by id. */
export async function expectComparisonMatches(t: TestDatabase, sopId: string, a: number, b: number): Promise<void> {
  const body = VersionComparisonWire.parse(await getJson(t, `/api/analytics/sops/${sopId}/compare?a=${a}&b=${b}`));
  const runs = await readRunFacts(t.db, DEMO_ORG_ID, sopId);
  const steps = await readStepFacts(t.db, DEMO_ORG_ID, sopId);
  const of = (v: number) => ({
    runs: runs.filter((r) => r.sopVersion === v),
    steps: steps.filter((s) => s.sopVersion === v),
  });
  const expected = compareVersions(of(a), of(b), ['a', 'b', 'c']);
  expect(body.runs).toEqual(expected.runs);
  expect(body.steps.map(({ title: _t, ...s }) => s)).toEqual(expected.steps);
}
