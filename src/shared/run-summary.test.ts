import { describe, expect, test } from 'vitest';
import { RunBuilder, runEvents } from '../../test/support/events.ts';
import { summarizeRun } from './run-summary.ts';
import type { SopVersionContent, Step } from './sop.ts';

const title = { fr: 'Étape' };
const checkStep = (id: string): Step => ({ id, title, critical: false, kind: 'check' });
const pressureStep = (id: string): Step => ({
  id,
  title,
  critical: true,
  kind: 'reading',
  unit: 'bar',
  min: 1,
  max: 3,
});
const version: SopVersionContent = {
  mode: 'sequential',
  objective: title,
  prerequisites: [],
  steps: [checkStep('a'), pressureStep('p'), checkStep('b')],
  acceptanceCriteria: [],
};

/** Starts a run, records pressure `value` on step p during a 20 s step. */
const withPressure = (b: RunBuilder, value: number) =>
  b
    .emit('step_started', { stepId: 'p' })
    .wait(20_000)
    .emit('reading_recorded', { stepId: 'p', value, unit: 'bar' })
    .emit('step_completed', { stepId: 'p' });

describe('summarizeRun', () => {
  test('a completed run without flags is not errored', () => {
    const summary = summarizeRun(
      runEvents((b) => withPressure(b.start().step('a', 10_000), 2).complete()),
      version,
    );
    expect(summary).toMatchObject({ errored: false, flaggedSteps: 0, totalMs: 30_000, activeMs: 30_000 });
  });

  test('a completed run with a flagged step is errored', () => {
    const summary = summarizeRun(
      runEvents((b) => b.start().step('a', 10_000).flag('a').complete()),
      version,
    );
    expect(summary).toMatchObject({ errored: true, flaggedSteps: 1 });
  });

  test('an aborted run with flags is not errored', () => {
    const summary = summarizeRun(
      runEvents((b) => b.start().step('a', 10_000).flag('a').abort()),
      version,
    );
    expect(summary.state.status).toBe('aborted');
    expect(summary).toMatchObject({ errored: false, flaggedSteps: 1 });
  });

  test('a run still in progress with flags is not errored', () => {
    const summary = summarizeRun(
      runEvents((b) => b.start().step('a', 10_000).flag('a')),
      version,
    );
    expect(summary).toMatchObject({ errored: false, flaggedSteps: 1 });
  });

  test.each([
    [0.5, true],
    [1, false],
    [3, false],
    [3.5, true],
  ])("a reading of %d against the version's range 1–3 → flagged %s", (value, flagged) => {
    const summary = summarizeRun(
      runEvents((b) => withPressure(b.start(), value).complete()),
      version,
    );
    expect(summary.steps).toEqual([expect.objectContaining({ stepId: 'p', flagged })]);
    expect(summary.errored).toBe(flagged);
  });

  test('without the version, a reading cannot be judged', () => {
    const summary = summarizeRun(runEvents((b) => withPressure(b.start(), 99).complete()));
    expect(summary).toMatchObject({ errored: false, flaggedSteps: 0 });
  });

  test('steps are listed in path order with their durations, status and flag categories', () => {
    const events = runEvents((b) =>
      withPressure(b.start().step('b', 5_000).flag('b', 'tool').flag('b', 'tool').flag('b', 'safety'), 0).complete(),
    );
    expect(summarizeRun(events, version).steps).toEqual([
      {
        stepId: 'b',
        status: 'done',
        totalMs: 5_000,
        activeMs: 5_000,
        flagged: true,
        flagCategories: ['tool', 'safety'],
      },
      { stepId: 'p', status: 'done', totalMs: 20_000, activeMs: 20_000, flagged: true, flagCategories: [] },
    ]);
  });

  test('a step flagged or skipped without being opened still counts, after the path', () => {
    const events = runEvents((b) =>
      b.start().step('b', 5_000).emit('step_skipped', { stepId: 'a', reason: 'n/a' }).flag('p').complete(),
    );
    const summary = summarizeRun(events, version);
    expect(summary.steps.map((s) => [s.stepId, s.status, s.totalMs, s.flagged])).toEqual([
      ['b', 'done', 5_000, false],
      ['a', 'skipped', 0, false],
      ['p', 'pending', 0, true],
    ]);
    expect(summary).toMatchObject({ errored: true, flaggedSteps: 1 });
  });

  test('a pause shows in the step total, not in its active time', () => {
    const b = new RunBuilder().start().emit('step_started', { stepId: 'a' }).wait(1_000);
    b.emit('run_paused', {}).wait(60_000).emit('run_resumed', {}).wait(2_000);
    const summary = summarizeRun(b.emit('step_completed', { stepId: 'a' }).complete().events, version);
    expect(summary).toMatchObject({ totalMs: 63_000, activeMs: 3_000 });
    expect(summary.steps[0]).toMatchObject({ stepId: 'a', totalMs: 63_000, activeMs: 3_000 });
  });

  test('`now` runs the clock of an open run', () => {
    const b = new RunBuilder().start().emit('step_started', { stepId: 'a' });
    const summary = summarizeRun(b.events, version, b.at + 42_000);
    expect(summary).toMatchObject({ totalMs: 42_000, errored: false });
    expect(summary.steps[0]).toMatchObject({ stepId: 'a', status: 'pending', totalMs: 42_000 });
  });

  test('a run with no events has no duration and no steps', () => {
    expect(summarizeRun([], version)).toMatchObject({ totalMs: null, activeMs: null, steps: [], errored: false });
  });
});
