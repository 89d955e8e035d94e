import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IDS, RunBuilder, runEvents } from '../../test/support/events.ts';
import type { RunEvent } from './events.ts';
import { continueFold, flaggedStepIds, foldRun, isStepFlagged, orderEvents, type StepState } from './fold.ts';
import type { SopVersionContent, Step } from './sop.ts';
import { uuidv7 } from './uuid.ts';

const title = { en: 'Step' };
const checkStep = (id: string): Step => ({ id, title, critical: false, kind: 'check' });
const readingStep = (id: string, range: { min?: number; max?: number }): Step => ({
  id,
  title,
  critical: false,
  kind: 'reading',
  unit: 'bar',
  ...range,
});
const content = (...steps: Step[]): SopVersionContent => ({
  mode: 'sequential',
  objective: title,
  prerequisites: [],
  steps,
  acceptanceCriteria: [],
});

/** The state of step `p` after one reading of `value`. */
const stepWithReading = (value: number): StepState => {
  const events = runEvents((b) => b.start().emit('reading_recorded', { stepId: 'p', value, unit: 'bar' }));
  return foldRun(events).steps.p as StepState;
};

describe('foldRun: scenarios', () => {
  test('start → steps → complete', () => {
    const state = foldRun(runEvents((b) => b.start({ training: true }).step('a', 1000).step('b', 2000).complete()));
    expect(state).toMatchObject({
      runId: IDS.run,
      sopId: IDS.sop,
      sopVersion: 1,
      userId: IDS.user,
      deviceId: IDS.device,
      training: true,
      status: 'completed',
      path: ['a', 'b'],
      currentStepId: null,
      startedAt: 1_700_000_000_000,
      endedAt: 1_700_000_003_000,
      lastSeq: 5,
    });
    expect(state.steps.a).toMatchObject({ status: 'done', visits: 1, flags: [] });
    expect(state.steps.b).toMatchObject({ status: 'done', visits: 1 });
  });

  test('no events: not started', () => {
    expect(foldRun([])).toMatchObject({ status: 'not_started', runId: null, path: [], lastSeq: -1 });
  });

  test('a started step is current until it ends', () => {
    const b = new RunBuilder().start().emit('step_started', { stepId: 'a' });
    expect(foldRun(b.events)).toMatchObject({ status: 'in_progress', currentStepId: 'a', path: ['a'] });
    expect(foldRun(b.wait(10).emit('step_completed', { stepId: 'a' }).events).currentStepId).toBeNull();
  });

  test('answers, readings, texts, photos, flags and skips land on their own step', () => {
    const photoId = uuidv7();
    const state = foldRun(
      runEvents((b) =>
        b
          .start()
          .emit('decision_answered', { stepId: 'ask', answer: 'no' })
          .emit('reading_recorded', { stepId: 'psi', value: 2.4, unit: 'bar' })
          .emit('text_recorded', { stepId: 'serial', text: 'SN-42' })
          .emit('photo_attached', { stepId: 'pic', photoId, mime: 'image/jpeg', bytes: 1234 })
          .flag('psi', 'safety', 'leak')
          .emit('step_skipped', { stepId: 'optional', reason: 'no part' }),
      ),
    );
    expect(state.steps.ask?.answer).toBe('no');
    expect(state.steps.psi?.reading).toEqual({ value: 2.4, unit: 'bar' });
    expect(state.steps.psi?.flags).toEqual([{ category: 'safety', note: 'leak', at: 1_700_000_000_000 }]);
    expect(state.steps.serial?.text).toBe('SN-42');
    expect(state.steps.pic?.photoIds).toEqual([photoId]);
    expect(state.steps.optional).toMatchObject({ status: 'skipped', skipReason: 'no part' });
    expect(state.steps.ask?.flags).toEqual([]);
    expect(state.steps.serial?.photoIds).toEqual([]);
  });

  test('a later reading or text replaces the earlier one', () => {
    const state = foldRun(
      runEvents((b) =>
        b
          .start()
          .emit('reading_recorded', { stepId: 'p', value: 1, unit: 'bar' })
          .emit('reading_recorded', { stepId: 'p', value: 2, unit: 'bar' })
          .emit('text_recorded', { stepId: 't', text: 'first' })
          .emit('text_recorded', { stepId: 't', text: 'second' }),
      ),
    );
    expect(state.steps.p?.reading?.value).toBe(2);
    expect(state.steps.t?.text).toBe('second');
  });

  test('pause and resume toggle; completing a paused run unpauses it', () => {
    const b = new RunBuilder().start().emit('run_paused', {});
    expect(foldRun(b.events).paused).toBe(true);
    expect(foldRun(b.emit('run_resumed', {}).events).paused).toBe(false);
    expect(foldRun(b.emit('run_paused', {}).events).paused).toBe(true);
    expect(foldRun(b.complete().events)).toMatchObject({ paused: false, status: 'completed' });
  });

  test('abort records the reason and the end time', () => {
    const state = foldRun(runEvents((b) => b.start().step('a', 500).abort('no spare part')));
    expect(state).toMatchObject({ status: 'aborted', abortReason: 'no spare part', endedAt: 1_700_000_000_500 });
  });

  test('completion records the confirmed acceptance criteria', () => {
    const state = foldRun(runEvents((b) => b.start().emit('run_completed', { confirmedCriteria: [0, 2] })));
    expect(state.confirmedCriteria).toEqual([0, 2]);
  });

  test('a revisited step counts its visits and appears once in the path', () => {
    const state = foldRun(runEvents((b) => b.start().step('a', 10).step('b', 10).step('a', 10).complete()));
    expect(state.path).toEqual(['a', 'b']);
    expect(state.steps.a?.visits).toBe(2);
    expect(state.steps.b?.visits).toBe(1);
  });
});

describe('isStepFlagged and flaggedStepIds', () => {
  test.each([
    [{ min: 1, max: 3 }, 1, false],
    [{ min: 1, max: 3 }, 3, false],
    [{ min: 1, max: 3 }, 0.99, true],
    [{ min: 1, max: 3 }, 3.01, true],
    [{ min: 1 }, 1e9, false],
    [{ min: 1 }, 0, true],
    [{ max: 3 }, -1e9, false],
    [{ max: 3 }, 4, true],
    [{}, 1e9, false],
  ])('range %j, reading %d → flagged %s', (range, value, flagged) => {
    expect(isStepFlagged(stepWithReading(value), readingStep('p', range))).toBe(flagged);
  });

  test('a flag event flags the step whatever its kind or definition', () => {
    const state = foldRun(runEvents((b) => b.start().step('a', 10).flag('a')));
    expect(isStepFlagged(state.steps.a as StepState, checkStep('a'))).toBe(true);
    expect(isStepFlagged(state.steps.a as StepState, undefined)).toBe(true);
  });

  test('a reading cannot be judged without the step definition', () => {
    expect(isStepFlagged(stepWithReading(99), undefined)).toBe(false);
    expect(isStepFlagged(stepWithReading(99), checkStep('p'))).toBe(false);
  });

  test('flaggedStepIds lists flag events and out-of-range readings, against the pinned version', () => {
    const state = foldRun(
      runEvents((b) =>
        b
          .start()
          .step('a', 10)
          .flag('a', 'missing_part')
          .step('b', 10)
          .emit('reading_recorded', { stepId: 'p', value: 9, unit: 'bar' })
          .emit('reading_recorded', { stepId: 'ok', value: 2, unit: 'bar' }),
      ),
    );
    const version = content(
      checkStep('a'),
      checkStep('b'),
      readingStep('p', { max: 5 }),
      readingStep('ok', { max: 5 }),
    );
    expect(flaggedStepIds(state, version).sort()).toEqual(['a', 'p']);
    expect(flaggedStepIds(state, undefined)).toEqual(['a']);
  });
});

type Action =
  | { do: 'step'; id: string; ms: number }
  | { do: 'wait'; ms: number }
  | { do: 'pause'; ms: number }
  | { do: 'flag'; id: string }
  | { do: 'reading'; id: string; value: number }
  | { do: 'jump'; deltaMs: number };

const stepIds = fc.constantFrom('a', 'b', 'c', 'd');
const ms = fc.integer({ min: 0, max: 600_000 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ do: fc.constant('step' as const), id: stepIds, ms }),
  fc.record({ do: fc.constant('wait' as const), ms }),
  fc.record({ do: fc.constant('pause' as const), ms }),
  fc.record({ do: fc.constant('flag' as const), id: stepIds }),
  fc.record({
    do: fc.constant('reading' as const),
    id: stepIds,
    value: fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  }),
  fc.record({ do: fc.constant('jump' as const), deltaMs: fc.integer({ min: -86_400_000, max: 86_400_000 }) }),
);

function play(b: RunBuilder, a: Action): RunBuilder {
  switch (a.do) {
    case 'step':
      return b.step(a.id, a.ms);
    case 'wait':
      return b.wait(a.ms);
    case 'pause':
      return b.emit('run_paused', {}).wait(a.ms).emit('run_resumed', {});
    case 'flag':
      return b.flag(a.id);
    case 'reading':
      return b.emit('reading_recorded', { stepId: a.id, value: a.value, unit: 'bar' });
    case 'jump':
      return b.jump(a.deltaMs);
  }
}

const ending = fc.constantFrom('complete', 'abort', 'open');
const runStream = fc.tuple(fc.array(action, { maxLength: 25 }), ending).map(([actions, end]) => {
  const b = actions.reduce(play, new RunBuilder().start());
  if (end === 'complete') b.complete();
  if (end === 'abort') b.abort();
  return b.events;
});

/** The stream with some events repeated, in any order. */
const deliveredAnyHow = (events: RunEvent[]) =>
  fc.array(fc.integer({ min: 0, max: events.length - 1 }), { maxLength: events.length }).chain((repeats) => {
    const delivered = [...events, ...repeats.map((i) => events[i] as RunEvent)];
    return fc.shuffledSubarray(delivered, { minLength: delivered.length, maxLength: delivered.length });
  });

describe('foldRun: properties', () => {
  test('any arrival order and any duplication give the same state', () => {
    fc.assert(
      fc.property(
        runStream.chain((events) => fc.tuple(fc.constant(events), deliveredAnyHow(events))),
        ([events, delivered]) => {
          expect(foldRun(delivered)).toEqual(foldRun(events));
        },
      ),
    );
  });

  test('events are ordered by seq, never by device time', () => {
    const scrambledClock = runStream.chain((events) =>
      fc
        .shuffledSubarray(
          events.map((e) => e.at),
          { minLength: events.length, maxLength: events.length },
        )
        .map((times) => ({ events, scrambled: events.map((e, i) => ({ ...e, at: times[i] as number })) })),
    );
    fc.assert(
      fc.property(scrambledClock, ({ events, scrambled }) => {
        const expected = foldRun(events);
        const actual = foldRun(scrambled);
        expect(actual.status).toBe(expected.status);
        expect(actual.path).toEqual(expected.path);
        expect(actual.currentStepId).toBe(expected.currentStepId);
        expect(orderEvents(scrambled).map((e) => e.seq)).toEqual(events.map((e) => e.seq));
      }),
    );
  });

  test('continuing a fold with later events equals folding everything again', () => {
    const split = runStream.chain((events) => fc.tuple(fc.constant(events), fc.nat({ max: events.length })));
    fc.assert(
      fc.property(split, ([events, at]) => {
        const earlier = foldRun(events.slice(0, at));
        const snapshot = structuredClone(earlier);
        expect(continueFold(earlier, events.slice(at))).toEqual(foldRun(events));
        expect(earlier).toEqual(snapshot);
      }),
    );
  });

  test('continueFold refuses an event that belongs before the folded ones', () => {
    const events = runEvents((b) => b.start().step('a', 1000).complete());
    const state = foldRun(events);
    expect(() => continueFold(state, [events[1] as RunEvent])).toThrow(RangeError);
  });
});
