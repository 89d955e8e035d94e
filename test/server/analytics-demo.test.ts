/**
 * The demo history tells its story in the analytics API: Diagnosis v2 is clearly and
 * significantly faster, "Locate the faulty part" is the bottleneck, the tyre pressure of
 * the final test goes wrong most often, Léa is proficient and Hugo not yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnboardingTeam, Overview, SopReport, VersionComparisonWire } from '../../src/shared/analytics-wire.ts';
import { CAST, personId } from '../../src/server/demo/history-cast.ts';
import { planHistory, runStream } from '../../src/server/demo/history.ts';
import { seededRandom } from '../../src/server/demo/history-random.ts';
import { diagnosis } from '../../src/server/demo/sops/diagnosis.ts';
import { demoSopId } from '../../src/server/seed.ts';
import { openTestDatabase, resetTables, type TestDatabase } from '../support/server-db.ts';
import { url } from './http.ts';

let t: TestDatabase;
const withHistory = { demo: true, history: true };
beforeAll(async () => {
  t = await openTestDatabase();
  await resetTables(t.db, withHistory);
}, 120_000);
afterAll(() => t.close());

async function get(path: string): Promise<unknown> {
  const res = await t.app.request(url(path));
  expect(res.status, path).toBe(200);
  return res.json();
}

describe('demo history', () => {
  it('is the same on every first start, whatever the day of the week (seeded, anchored on Monday)', () => {
    const monday = Date.UTC(2026, 2, 2, 0);
    const streams = (now: number) =>
      planHistory(now, seededRandom(7))
        .slice(0, 300)
        .map((run, i) => runStream(run, diagnosis.content, demoSopId('diagnosis'), seededRandom(i), 1).events);
    const wednesday = streams(monday + 2.5 * 86_400_000);
    expect(wednesday).toHaveLength(300);
    expect(streams(monday + 4.9 * 86_400_000)).toEqual(wednesday);
  });

  it('Diagnosis v2 cuts the median time clearly, and it is not chance', async () => {
    const body = VersionComparisonWire.parse(
      await get(`/api/analytics/sops/${demoSopId('diagnosis')}/compare?a=1&b=2`),
    );
    expect(body.runs.a.n).toBeGreaterThan(40);
    expect(body.runs.b.n).toBeGreaterThan(40);
    expect(body.runs.medianChange).toBeLessThan(-0.2);
    expect(body.runs.durationSignificant).toBe(true);
    const locate = body.steps.find((s) => s.stepId === 'locate-fault');
    expect(locate?.durationSignificant).toBe(true);
    expect(locate?.medianChange).toBeLessThan(-0.3);
    const read = body.steps.find((s) => s.stepId === 'read-repair-order');
    expect(Math.abs(read?.medianChange ?? 1)).toBeLessThan(0.2);
  });

  it('"Locate the faulty part" is the bottleneck of the diagnosis', async () => {
    const report = SopReport.parse(await get(`/api/analytics/sops/${demoSopId('diagnosis')}?version=1`));
    expect(report.bottleneck).toBe('locate-fault');
    expect(report.trend.length).toBeGreaterThan(10);
    expect(report.outliers.length).toBeGreaterThan(0);
  });

  it('the tyre pressure is the final test’s most frequent error', async () => {
    const report = SopReport.parse(await get(`/api/analytics/sops/${demoSopId('final-test')}`));
    const worst = [...report.steps].sort((a, b) => (b.errorRate ?? 0) - (a.errorRate ?? 0))[0];
    expect(worst?.stepId).toBe('tyre-pressure');
    expect(worst?.errorRate).toBeGreaterThan(0.2);
    expect(report.rates.errorRate).toBeGreaterThan(0.2);
  });

  it('Léa is proficient on the diagnosis and Hugo not yet', async () => {
    const team = OnboardingTeam.parse(await get('/api/analytics/onboarding'));
    const diag = (key: string) =>
      team.people.find((p) => p.id === personId(key))?.track.find((s) => s.sopId === demoSopId('diagnosis'));
    expect(team.people.map((p) => p.role)).toEqual(['new_hire', 'new_hire']);
    expect(diag('lea')).toMatchObject({ reached: true });
    expect(diag('lea')?.days).toBeGreaterThan(0);
    expect(diag('hugo')).toMatchObject({ reached: false });
    expect(diag('hugo')?.runs).toBeGreaterThan(2);
  });

  it('the overview shows overdue reviews, recent runs and every phone', async () => {
    const overview = Overview.parse(await get('/api/analytics/overview'));
    expect(overview.activeSops).toBe(8);
    expect(overview.overdueReviews).toBe(4);
    expect(overview.devices).toHaveLength(CAST.length);
    expect(overview.onboarding.people).toBe(2);
    expect(overview.sops.find((s) => s.id === demoSopId('diagnosis'))?.latestVersion).toBe(2);
  });
});
