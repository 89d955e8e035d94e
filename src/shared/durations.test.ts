import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RunBuilder, runEvents } from '../../test/support/events.ts';
import { runDurations } from './durations.ts';
import type { RunEvent } from './events.ts';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const pause = (b: RunBuilder, ms: number) => b.emit('run_paused', {}).wait(ms).emit('run_resumed', {});
const open = (b: RunBuilder, stepId: string) => b.emit('step_started', { stepId });
const close = (b: RunBuilder, stepId: string) => b.emit('step_completed', { stepId });

describe('runDurations: design.md definitions', () => {
  test('run duration = completed.at − started.at', () => {
    const d = runDurations(
      runEvents((b) =>
        b
          .start()
          .step('a', MIN)
          .wait(5 * SEC)
          .step('b', 30 * SEC)
          .complete(),
      ),
    );
    expect(d.totalMs).toBe(95 * SEC);
    expect(d.activeMs).toBe(95 * SEC);
    expect(d.steps.a).toEqual({ stepId: 'a', totalMs: MIN, activeMs: MIN });
    expect(d.steps.b).toEqual({ stepId: 'b', totalMs: 30 * SEC, activeMs: 30 * SEC });
  });

  test.each([
    ['+1 h', HOUR],
    ['−3 days', -3 * DAY],
  ])('a clock jump of %s between start and completion is subtracted', (_, deltaMs) => {
    const events = runEvents((b) =>
      b
        .start()
        .wait(10 * SEC)
        .jump(deltaMs)
        .wait(20 * SEC)
        .complete(),
    );
    const started = events[0] as RunEvent;
    const completed = events[events.length - 1] as RunEvent;
    expect(completed.at - started.at).toBe(30 * SEC + deltaMs);
    expect(runDurations(events).totalMs).toBe(30 * SEC);
  });

  test('a clock jump inside a step is subtracted from the step', () => {
    const b = open(new RunBuilder().start(), 'a')
      .wait(10 * SEC)
      .jump(-HOUR)
      .wait(5 * SEC);
    const d = runDurations(close(b, 'a').complete().events);
    expect(d.steps.a?.totalMs).toBe(15 * SEC);
    expect(d.totalMs).toBe(15 * SEC);
  });

  test('a 10 min pause: active = total − 10 min', () => {
    const d = runDurations(
      pause(new RunBuilder().start().wait(5 * MIN), 10 * MIN)
        .wait(5 * MIN)
        .complete().events,
    );
    expect(d.totalMs).toBe(20 * MIN);
    expect(d.activeMs).toBe(10 * MIN);
  });

  test("a pause inside a step counts in the step's total, not in its active duration", () => {
    const b = pause(open(new RunBuilder().start(), 'a').wait(MIN), 10 * MIN).wait(2 * MIN);
    const d = runDurations(close(b, 'a').step('b', MIN).complete().events);
    expect(d.steps.a).toEqual({ stepId: 'a', totalMs: 13 * MIN, activeMs: 3 * MIN });
    expect(d.steps.b).toEqual({ stepId: 'b', totalMs: MIN, activeMs: MIN });
    expect(d.totalMs).toBe(14 * MIN);
    expect(d.activeMs).toBe(4 * MIN);
  });

  test('a revisited step sums its intervals', () => {
    const d = runDurations(
      runEvents((b) =>
        b
          .start()
          .step('a', 10 * SEC)
          .step('b', 20 * SEC)
          .step('a', 5 * SEC),
      ),
    );
    expect(d.steps.a?.totalMs).toBe(15 * SEC);
    expect(d.steps.b?.totalMs).toBe(20 * SEC);
  });

  test('free order: opening another item closes the open one', () => {
    let b = open(new RunBuilder().start(), 'a').wait(10 * SEC);
    b = close(open(b, 'b').wait(20 * SEC), 'b');
    b = close(open(b, 'a').wait(5 * SEC), 'a');
    const d = runDurations(b.complete().events);
    expect(d.steps.a?.totalMs).toBe(15 * SEC);
    expect(d.steps.b?.totalMs).toBe(20 * SEC);
    expect(d.totalMs).toBe(35 * SEC);
  });

  test('a completion of a step that is not current closes nothing', () => {
    const b = close(open(new RunBuilder().start(), 'a').wait(10 * SEC), 'b').wait(5 * SEC);
    expect(runDurations(close(b, 'a').events).steps.a?.totalMs).toBe(15 * SEC);
  });

  test('open intervals close at `now` when given, else at the last event', () => {
    const b = open(new RunBuilder().start().wait(10 * SEC), 'a');
    expect(runDurations(b.events, b.at + 50 * SEC)).toMatchObject({
      totalMs: MIN,
      steps: { a: { totalMs: 50 * SEC } },
    });
    expect(runDurations(b.events)).toMatchObject({ totalMs: 10 * SEC, steps: { a: { totalMs: 0 } } });
  });

  test('`now` is read on the jumped clock', () => {
    const b = new RunBuilder()
      .start()
      .wait(10 * SEC)
      .jump(HOUR);
    expect(runDurations(b.events, b.at + 20 * SEC).totalMs).toBe(30 * SEC);
  });

  test('a pause still open at `now` is not active time', () => {
    const b = new RunBuilder().start().wait(MIN).emit('run_paused', {});
    expect(runDurations(b.events, b.at + 5 * MIN)).toMatchObject({ totalMs: 6 * MIN, activeMs: MIN });
  });

  test('an aborted run has a duration too', () => {
    const d = runDurations(
      runEvents((b) =>
        b
          .start()
          .step('a', 40 * SEC)
          .wait(5 * SEC)
          .abort(),
      ),
    );
    expect(d.totalMs).toBe(45 * SEC);
    expect(d.steps.a?.totalMs).toBe(40 * SEC);
  });

  test('events after the end do not count', () => {
    const d = runDurations(runEvents((b) => b.start().wait(MIN).complete().wait(HOUR).step('late', MIN)));
    expect(d.totalMs).toBe(MIN);
    expect(d.steps.late).toBeUndefined();
  });

  test('a run that has not started has no duration', () => {
    expect(runDurations([])).toEqual({ totalMs: null, activeMs: null, steps: {} });
  });
});

/** One piece of a generated run, with the real time it takes. */
type Action =
  | { do: 'step'; id: string; ms: number; pauseMs: number; jumpMs: number }
  | { do: 'wait'; ms: number }
  | { do: 'pause'; ms: number }
  | { do: 'flag'; id: string }
  | { do: 'jump'; deltaMs: number };

const stepIds = fc.constantFrom('a', 'b', 'c', 'd');
const ms = fc.integer({ min: 0, max: 2 * HOUR });
const jumpMs = fc.integer({ min: -30 * DAY, max: 30 * DAY });
const stepAction = fc.record({
  do: fc.constant('step' as const),
  id: stepIds,
  ms,
  pauseMs: fc.oneof(fc.constant(0), ms),
  jumpMs: fc.oneof(fc.constant(0), jumpMs),
});
const action: fc.Arbitrary<Action> = fc.oneof(
  stepAction,
  fc.record({ do: fc.constant('wait' as const), ms }),
  fc.record({ do: fc.constant('pause' as const), ms }),
  fc.record({ do: fc.constant('flag' as const), id: stepIds }),
  fc.record({ do: fc.constant('jump' as const), deltaMs: jumpMs }),
);

function play(b: RunBuilder, a: Action): RunBuilder {
  switch (a.do) {
    case 'step': {
      const started = open(b, a.id).wait(a.ms);
      const paused = a.pauseMs > 0 ? pause(started, a.pauseMs) : started;
      return close(a.jumpMs !== 0 ? paused.jump(a.jumpMs) : paused, a.id);
    }
    case 'wait':
      return b.wait(a.ms);
    case 'pause':
      return pause(b, a.ms);
    case 'flag':
      return b.flag(a.id);
    case 'jump':
      return b.jump(a.deltaMs);
  }
}

/** Real elapsed and paused time of a list of actions, whatever the device clock said. */
function realTime(actions: readonly Action[]) {
  let elapsed = 0;
  let paused = 0;
  const steps = new Map<string, { total: number; active: number }>();
  for (const a of actions) {
    if (a.do === 'wait') elapsed += a.ms;
    if (a.do === 'pause') [elapsed, paused] = [elapsed + a.ms, paused + a.ms];
    if (a.do !== 'step') continue;
    [elapsed, paused] = [elapsed + a.ms + a.pauseMs, paused + a.pauseMs];
    const s = steps.get(a.id) ?? { total: 0, active: 0 };
    steps.set(a.id, { total: s.total + a.ms + a.pauseMs, active: s.active + a.ms });
  }
  return { elapsed, paused, steps };
}

const generatedRun = (actionArb: fc.Arbitrary<Action>) =>
  fc
    .tuple(
      fc.array(actionArb, { maxLength: 20 }),
      fc.constantFrom('complete', 'abort'),
      fc.integer({ min: 1e12, max: 2e12 }),
    )
    .map(([actions, end, startAt]) => {
      const b = actions.reduce(play, new RunBuilder(startAt).start());
      return { actions, events: (end === 'complete' ? b.complete() : b.abort()).events };
    });

const allDurations = (events: readonly RunEvent[]) => {
  const d = runDurations(events);
  return [d.totalMs, d.activeMs, ...Object.values(d.steps).flatMap((s) => [s.totalMs, s.activeMs])];
};

describe('runDurations: properties', () => {
  test('every duration is a non-negative whole number of ms, and active ≤ total', () => {
    fc.assert(
      fc.property(generatedRun(action), ({ events }) => {
        for (const ms of allDurations(events)) {
          expect(Number.isInteger(ms) && (ms as number) >= 0, String(ms)).toBe(true);
        }
        const d = runDurations(events);
        expect(d.activeMs as number).toBeLessThanOrEqual(d.totalMs as number);
        for (const s of Object.values(d.steps)) expect(s.activeMs).toBeLessThanOrEqual(s.totalMs);
      }),
    );
  });

  test('clock jumps of any sign never change a duration: run and steps measure real time', () => {
    fc.assert(
      fc.property(generatedRun(action), ({ actions, events }) => {
        const real = realTime(actions);
        const d = runDurations(events);
        expect(d.totalMs).toBe(real.elapsed);
        expect(d.activeMs).toBe(real.elapsed - real.paused);
        for (const [stepId, s] of real.steps) {
          expect(d.steps[stepId]).toEqual({ stepId, totalMs: s.total, activeMs: s.active });
        }
      }),
    );
  });

  test('a sequential run without jumps or pauses is the sum of its steps', () => {
    const plainStep = stepAction.map((s) => ({ ...s, pauseMs: 0, jumpMs: 0 }));
    const sequential = fc.oneof(plainStep, fc.record({ do: fc.constant('flag' as const), id: stepIds }));
    fc.assert(
      fc.property(generatedRun(sequential), ({ events }) => {
        const d = runDurations(events);
        const sum = Object.values(d.steps).reduce((total, s) => total + s.totalMs, 0);
        expect(sum).toBe(d.totalMs);
      }),
    );
  });

  test('the result does not depend on arrival order or duplicates', () => {
    const delivered = generatedRun(action).chain(({ events }) =>
      fc
        .shuffledSubarray([...events, ...events.slice(0, 3)], { minLength: events.length + Math.min(3, events.length) })
        .map((shuffled) => ({ events, shuffled })),
    );
    fc.assert(
      fc.property(delivered, ({ events, shuffled }) => {
        expect(runDurations(shuffled)).toEqual(runDurations(events));
      }),
    );
  });
});
