import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DerivedRun } from '../../src/server/runs/read-run.ts';
import { stepExecutions } from '../../src/server/db/schema.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { runDurations } from '../../src/shared/durations.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase, publishFixtureSop } from '../support/server-db.ts';
import { push, statuses, url } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

async function getRun(runId: string = IDS.run): Promise<DerivedRun | null> {
  const res = await t.app.request(url(`/api/runs/${runId}`));
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return (await res.json()) as DerivedRun;
}

/** A run with a pause, a clock jump, an out-of-range reading and a flag. */
function eventfulRun(): RunEvent[] {
  return new RunBuilder()
    .start({ training: true })
    .step('a', 4_000)
    .emit('step_started', { stepId: 'b' })
    .wait(1_000)
    .emit('run_paused', {})
    .wait(60_000)
    .emit('run_resumed', {})
    .wait(2_000)
    .emit('reading_recorded', { stepId: 'b', value: 25, unit: '°C' })
    .jump(3_600_000)
    .wait(500)
    .emit('step_completed', { stepId: 'b' })
    .emit('step_started', { stepId: 'c' })
    .flag('c', 'missing_part')
    .wait(7_000)
    .emit('step_completed', { stepId: 'c' })
    .complete().events;
}

/** A deterministic shuffle (the test must not depend on luck). */
const shuffled = <T>(items: readonly T[]): T[] =>
  items
    .map((item, i) => ({ item, key: (i * 7919) % 101 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);

describe('derived runs', () => {
  it('match the shared runDurations of the same events, step by step', async () => {
    const events = eventfulRun();
    await push(t.app, events);
    const expected = runDurations(events);
    const run = await getRun();
    expect(run).toMatchObject({
      id: IDS.run,
      sopId: IDS.sop,
      sopVersion: 1,
      userId: IDS.user,
      deviceId: IDS.device,
      training: true,
      status: 'completed',
      durationMs: expected.totalMs,
      activeDurationMs: expected.activeMs,
      flaggedSteps: 2,
      errored: true,
    });
    expect(expected.totalMs).toBe(4_000 + 1_000 + 60_000 + 2_000 + 500 + 7_000);
    expect(run?.steps).toEqual([
      { stepId: 'a', status: 'done', durationMs: 4_000, activeDurationMs: 4_000, flagged: false, flagCategories: [] },
      { stepId: 'b', status: 'done', durationMs: 63_500, activeDurationMs: 3_500, flagged: true, flagCategories: [] },
      {
        stepId: 'c',
        status: 'done',
        durationMs: 7_000,
        activeDurationMs: 7_000,
        flagged: true,
        flagCategories: ['missing_part'],
      },
    ]);
  });

  it('are the same when the events arrive out of order, in pieces, and twice', async () => {
    const events = eventfulRun();
    await push(t.app, events);
    const inOrder = await getRun();
    await t.reset();
    await publishFixtureSop(t.db, DEMO_ORG_ID, IDS.sop);

    const mixed = shuffled(events);
    const third = Math.ceil(mixed.length / 3);
    await push(t.app, mixed.slice(third, 2 * third));
    await push(t.app, mixed.slice(2 * third));
    await push(t.app, mixed.slice(0, third));
    const again = await push(t.app, shuffled(mixed));
    expect(statuses(again).every((s) => s === 'duplicate')).toBe(true);
    expect(await getRun()).toEqual(inOrder);
  });

  it('appear only once run_started is known, which may arrive last', async () => {
    const [started, ...rest] = new RunBuilder().start().step('a', 1_500).complete().events;
    if (!started) throw new Error('fixture');
    await push(t.app, rest);
    expect(await getRun()).toBeNull();
    await push(t.app, [started]);
    expect(await getRun()).toMatchObject({ status: 'completed', durationMs: 1_500, steps: [{ stepId: 'a' }] });
  });

  it('follow a run in progress, then its end', async () => {
    const b = new RunBuilder().start().step('a', 2_000);
    await push(t.app, b.events);
    expect(await getRun()).toMatchObject({ status: 'in_progress', durationMs: 2_000, errored: false });
    const before = b.events.length;
    b.emit('step_started', { stepId: 'c' }).wait(1_000).abort();
    await push(t.app, b.events.slice(before));
    expect(await getRun()).toMatchObject({ status: 'aborted', durationMs: 3_000, errored: false });
    await t.derived();
    const rows = await t.db
      .select()
      .from(stepExecutions)
      .where(eq(stepExecutions.runId, IDS.run))
      .orderBy(stepExecutions.position);
    expect(rows.map((r) => [r.stepId, r.runStatus, r.status, r.durationMs])).toEqual([
      ['a', 'aborted', 'done', 2_000],
      ['c', 'aborted', 'pending', 1_000],
    ]);
  });

  it('judge readings against the pinned version: in range is not flagged', async () => {
    const events = new RunBuilder()
      .start()
      .emit('step_started', { stepId: 'b' })
      .emit('reading_recorded', { stepId: 'b', value: 15, unit: '°C' })
      .emit('step_completed', { stepId: 'b' })
      .complete().events;
    await push(t.app, events);
    expect(await getRun()).toMatchObject({ flaggedSteps: 0, errored: false, steps: [{ stepId: 'b', flagged: false }] });
  });

  it('keep separate runs apart', async () => {
    const other = '0190a000-0000-7000-8000-0000000000aa';
    await push(t.app, new RunBuilder().start().step('a', 1_000).complete().events);
    await push(t.app, new RunBuilder(1_700_000_100_000, other, 10).start().step('c', 9_000).complete().events);
    expect((await getRun())?.durationMs).toBe(1_000);
    expect((await getRun(other))?.durationMs).toBe(9_000);
  });

  it('are complete when two batches of one run are ingested concurrently', async () => {
    for (let i = 0; i < 8; i++) {
      const runId = `0190a000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`;
      const events = new RunBuilder(1_700_000_000_000, runId, 1 + i * 100)
        .start()
        .step('a', 1_000 + i)
        .step('b', 2_000)
        .step('c', 3_000)
        .complete().events;
      const half = Math.floor(events.length / 2);
      await Promise.all([push(t.app, events.slice(0, half)), push(t.app, events.slice(half))]);
      const run = await getRun(runId);
      expect(run).toMatchObject({ status: 'completed', durationMs: runDurations(events).totalMs });
      expect(run?.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    }
  });
});
