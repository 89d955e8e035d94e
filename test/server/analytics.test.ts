/**
 * The analytics SQL equals the shared pure functions on generated histories (pushed
 * through the real /api/sync/push), to the millisecond and the exact rate; and late,
 * duplicated and reordered events give the same numbers.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsFilters } from '../../src/shared/analytics-wire.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { pushHistory, type RunSpec, runSpec, T0, USERS } from '../support/analytics-data.ts';
import { expectComparisonMatches, expectReportMatches, getJson } from '../support/analytics-expect.ts';
import { openTestDatabase, publishFixtureSop, type TestDatabase } from '../support/server-db.ts';
import { push } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const pushDataset = (specs: readonly RunSpec[]) => pushHistory(t, specs);

const DAY = 86_400_000;
const isoDay = (day: number) => new Date(T0 + day * DAY).toISOString().slice(0, 10);

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

describe('analytics SQL = shared pure functions', () => {
  it('per-SOP report, for any history and any filters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(runSpec, { minLength: 0, maxLength: 25 }), filtersArb, async (specs, filters) => {
        const { sopId } = await pushDataset(specs);
        await expectReportMatches(t, sopId, {});
        await expectReportMatches(t, sopId, filters);
      }),
      { numRuns: 12 },
    );
  });

  it('version comparison, per run and per stable step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(runSpec, { minLength: 1, maxLength: 30 }), async (specs) => {
        const { sopId } = await pushDataset(specs);
        await expectComparisonMatches(t, sopId, 1, 2);
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
    const perfect = await getJson(t, `/api/analytics/sops/${sopId}`);
    const comparison = await getJson(t, `/api/analytics/sops/${sopId}/compare?a=1&b=2`);
    await t.reset();
    await publishFixtureSop(t.db, DEMO_ORG_ID, sopId, 2);
    // Reversed, in small batches, every third event sent twice, the first half again at the end (late).
    const messy = [...events].reverse().flatMap((e, i) => (i % 3 === 0 ? [e, e] : [e]));
    const batches: RunEvent[][] = [];
    for (let i = 0; i < messy.length; i += 37) batches.push(messy.slice(i, i + 37));
    batches.push(events.slice(0, events.length / 2));
    for (const batch of batches) await push(t.app, batch);
    expect(await getJson(t, `/api/analytics/sops/${sopId}`)).toEqual(perfect);
    expect(await getJson(t, `/api/analytics/sops/${sopId}/compare?a=1&b=2`)).toEqual(comparison);
  });
});
