/** The analytics API around the numbers: validation, timeline, onboarding, CSV export, overview. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { learningCurve, proficiency, proficiencyBaseline } from '../../src/shared/analytics-compare.ts';
import { OnboardingTeam, Overview, PeopleList, Timeline } from '../../src/shared/analytics-wire.ts';
import { runDurations } from '../../src/shared/durations.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { onboardingTracks, people } from '../../src/server/db/schema-analytics.ts';
import { readRunFacts, type RunSpec, runIdOf, specEvents, USERS } from '../support/analytics-data.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { openTestDatabase, publishFixtureSop, type TestDatabase } from '../support/server-db.ts';
import { push, url } from './http.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.reset();
  await t.db.delete(people);
  await t.db.delete(onboardingTracks);
  await publishFixtureSop(t.db, DEMO_ORG_ID, IDS.sop, 2);
});

const get = (path: string) => t.app.request(url(path));
const put = (path: string, body: unknown) =>
  t.app.request(url(path), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const spec = (over: Partial<RunSpec>): RunSpec => ({
  version: 1,
  user: 0,
  training: false,
  end: 'completed',
  day: 0,
  steps: [10_000, 20_000, 30_000],
  flagStep: null,
  reading: 15,
  pauseMs: 0,
  ...over,
});

let seq = 1;
async function pushSpecs(specs: RunSpec[], prefix = 1): Promise<void> {
  const events = specs.flatMap((s, i) => {
    const list = specEvents(s, runIdOf(prefix, i), IDS.sop, seq);
    seq += list.length;
    return list;
  });
  for (let i = 0; i < events.length; i += 200) await push(t.app, events.slice(i, i + 200));
}

describe('bad requests', () => {
  it.each([
    `/api/analytics/sops/${IDS.sop}?version=abc`,
    `/api/analytics/sops/${IDS.sop}?version=0`,
    `/api/analytics/sops/${IDS.sop}?from=2025-13-01`,
    `/api/analytics/sops/${IDS.sop}?to=2025-02-30`,
    `/api/analytics/sops/${IDS.sop}?person=bob`,
    `/api/analytics/sops/${IDS.sop}?training=maybe`,
    `/api/analytics/sops/${IDS.sop}/compare?a=1`,
    `/api/analytics/sops/${IDS.sop}/compare?a=1&b=x`,
    `/api/analytics/sops/${IDS.sop}/export/runs.csv?format=xlsx`,
  ])('%s → 400 with the offending parameter named', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid_request');
    expect(body.issues.length).toBeGreaterThan(0);
  });

  it.each([
    '/api/analytics/sops/not-a-uuid',
    `/api/analytics/sops/${USERS[0]}`,
    `/api/analytics/sops/${IDS.sop}/compare?a=1&b=9`,
    `/api/analytics/runs/${IDS.run}/timeline`,
    `/api/analytics/sops/${IDS.sop}/export/runs.xlsx`,
  ])('%s → 404', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });

  it('lists every person, with a track or not, for an owner to choose from', async () => {
    await put(`/api/analytics/people/${USERS[1]}`, { name: 'Zoé', role: 'technician', startDate: '2024-03-04' });
    await put(`/api/analytics/people/${USERS[0]}`, { name: 'Léa', role: 'new_hire', startDate: '2025-01-06' });
    await put(`/api/analytics/people/${USERS[0]}/track`, { sopIds: [IDS.sop] });
    const res = await get('/api/analytics/people');
    expect(res.status).toBe(200);
    expect(PeopleList.parse(await res.json()).people).toEqual([
      { id: USERS[1], name: 'Zoé', role: 'technician', startDate: '2024-03-04' },
      { id: USERS[0], name: 'Léa', role: 'new_hire', startDate: '2025-01-06' },
    ]);
  });

  it('refuses a bad person, an unknown person, and a track with an unknown or repeated SOP', async () => {
    expect(
      (await put(`/api/analytics/people/${USERS[0]}`, { name: '', role: 'new_hire', startDate: '2025-01-06' })).status,
    ).toBe(400);
    expect((await put(`/api/analytics/people/${USERS[0]}/track`, { sopIds: [IDS.sop] })).status).toBe(404);
    await put(`/api/analytics/people/${USERS[0]}`, { name: 'Léa', role: 'new_hire', startDate: '2025-01-06' });
    expect((await put(`/api/analytics/people/${USERS[0]}/track`, { sopIds: [USERS[1]] })).status).toBe(400);
    expect((await put(`/api/analytics/people/${USERS[0]}/track`, { sopIds: [IDS.sop, IDS.sop] })).status).toBe(400);
  });
});

describe('run timeline', () => {
  it('lays the steps, the pause and the marks on the corrected time axis', async () => {
    const events = new RunBuilder()
      .start()
      .step('a', 4_000)
      .emit('step_started', { stepId: 'b' })
      .wait(1_000)
      .emit('run_paused', {})
      .wait(60_000)
      .emit('run_resumed', {})
      .emit('reading_recorded', { stepId: 'b', value: 25, unit: '°C' })
      .jump(3_600_000)
      .wait(500)
      .emit('step_completed', { stepId: 'b' })
      .emit('step_started', { stepId: 'c' })
      .flag('c', 'missing_part', 'no seal')
      .wait(7_000)
      .emit('step_completed', { stepId: 'c' })
      .complete().events;
    await push(t.app, events);
    const res = await get(`/api/analytics/runs/${IDS.run}/timeline`);
    expect(res.status).toBe(200);
    const timeline = Timeline.parse(await res.json());
    expect(timeline.segments.map(({ stepId, start, end }) => [stepId, start, end])).toEqual([
      ['a', 0, 4_000],
      ['b', 4_000, 65_500],
      ['c', 65_500, 72_500],
    ]);
    const expected = runDurations(events);
    for (const s of timeline.segments) expect(s.end - s.start).toBe(expected.steps[s.stepId]?.totalMs);
    expect(timeline.pauses).toEqual([{ start: 5_000, end: 65_000 }]);
    expect(timeline.marks).toEqual([
      { at: 65_000, kind: 'reading', stepId: 'b', detail: '25 °C', outOfRange: true },
      { at: 65_500, kind: 'flag', stepId: 'c', detail: 'missing_part: no seal', outOfRange: false },
    ]);
    expect(timeline.run).toMatchObject({ status: 'completed', durationMs: expected.totalMs, sopVersion: 1 });
    expect(timeline.segments[1]?.title).toEqual({ en: 'B' });
  });
});

describe('onboarding', () => {
  it('shows each new hire’s learning curve and proficiency, as the shared rule computes it', async () => {
    const team = [0, 1, 2, 3, 4].map((day) => spec({ user: 2, day, steps: [10_000, 20_000, 30_000 + day * 1000] }));
    const learner = [90, 60, 45, 40, 38].map((s, i) =>
      spec({
        user: 0,
        day: 10 + i * 3,
        training: i < 2,
        steps: [10_000, 20_000, s * 1000],
        flagStep: i === 1 ? 0 : null,
      }),
    );
    const slow = [200, 190].map((s, i) => spec({ user: 1, day: 20 + i, steps: [10_000, 20_000, s * 1000] }));
    await pushSpecs([...team, ...learner, ...slow]);
    for (const [i, name] of ['Léa', 'Hugo'].entries()) {
      const res = await put(`/api/analytics/people/${USERS[i]}`, { name, role: 'new_hire', startDate: '2025-01-06' });
      expect(res.status).toBe(200);
      expect((await put(`/api/analytics/people/${USERS[i]}/track`, { sopIds: [IDS.sop] })).status).toBe(200);
    }
    const body = OnboardingTeam.parse(await (await get('/api/analytics/onboarding')).json());
    expect(body.people.map((p) => p.name)).toEqual(['Hugo', 'Léa']);
    const runs = await readRunFacts(t.db, DEMO_ORG_ID, IDS.sop);
    for (const person of body.people) {
      const item = body.people.find((p) => p.id === person.id)?.track[0];
      const curve = learningCurve(runs.filter((r) => r.userId === person.id));
      expect(item?.curve).toEqual(curve);
      const expected = proficiency(curve, proficiencyBaseline(runs, person.id));
      expect(item).toMatchObject(expected);
    }
    const lea = body.people.find((p) => p.name === 'Léa')?.track[0];
    // Everyone else's regular runs: 60–64 s and Hugo's 230 and 220 s → median 63 s, threshold 78.75 s.
    // Léa: 120, 90 (flagged), 75, 70, 68 s; the first clean window is runs 3–5 (median 70 s): run 5, day 12.
    expect(lea).toMatchObject({ reached: true, atRun: 5, days: 12, baselineMs: 63_000, thresholdMs: 78_750 });
    expect(body.people.find((p) => p.name === 'Hugo')?.track[0]).toMatchObject({ reached: false, runs: 2 });
    const overview = Overview.parse(await (await get('/api/analytics/overview')).json());
    expect(overview.onboarding).toEqual({ people: 2, proficientPairs: 1, medianDaysToProficiency: 12 });
  });
});

describe('CSV export', () => {
  it('writes runs and steps as UTF-8 CSV with ISO dates, or French Excel with ; and decimal commas', async () => {
    await pushSpecs([spec({ steps: [1_500, 20_000, 30_000], flagStep: 0 }), spec({ end: 'aborted', day: 1 })]);
    const res = await get(`/api/analytics/sops/${IDS.sop}/export/runs.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'run_id,sop_version,user_id,person,training,status,started_at,ended_at,duration_s,active_duration_s,flagged_steps,errored',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^[0-9a-f-]{36},1,[0-9a-f-]{36},,false,completed,2025-01-06T08:00:01\.500Z,.*,51\.5,51\.5,1,true$/,
    );
    const excel = await (
      await get(`/api/analytics/sops/${IDS.sop}/export/steps.csv?format=excel-fr&training=regular`)
    ).text();
    const rows = excel
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]?.split(';')).toContain('flag_categories');
    expect(rows[1]).toMatch(/;0;a;done;1,5;1,5;true;defect$/);
  });
});

describe('overview', () => {
  it('lists SOP health, runs this week and device freshness', async () => {
    await pushSpecs([spec({}), spec({ flagStep: 1 })]);
    const body = Overview.parse(await (await get('/api/analytics/overview')).json());
    const fixture = body.sops.find((s) => s.id === IDS.sop);
    expect(fixture).toMatchObject({
      status: 'published',
      latestVersion: 2,
      completed: 2,
      errorRate: 0.5,
      firstPassYield: 0.5,
    });
    expect(fixture?.medianMs).toBe(60_000);
    expect(body.activeSops).toBe(body.sops.length);
    expect(body.overdueReviews).toBe(0);
    expect(body.devices).toEqual([expect.objectContaining({ deviceId: IDS.device, lastUser: USERS[0] })]);
    expect(Math.abs((body.devices[0]?.lastSyncAt ?? 0) - Date.now())).toBeLessThan(60_000);
    // The generated runs are in January 2025: none this week.
    expect(body.runsThisWeek).toEqual({ started: 0, completed: 0 });
  });
});
