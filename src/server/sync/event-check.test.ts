import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDS, runEvents } from '../../../test/support/events.ts';
import { RunEvent } from '../../shared/events.ts';
import { canonicalJson, checkEvent, eventHash, ServerRunEvent } from './event-check.ts';
import { hasUnstorableText, storableCopy } from './storable.ts';

const [started, stepStarted] = runEvents((b) => b.start().emit('step_started', { stepId: 'a' }));

/** The first implementation, whose texts the hashes stored so far were computed from. */
function referenceCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the text of the first implementation for any JSON value (stored hashes stay valid)', () => {
    const value = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes a known event to the hash stored for it since the first release', () => {
    const event = {
      id: '0190a000-0000-7000-8000-0000000000e1',
      runId: '0190a000-0000-7000-8000-000000000001',
      seq: 3,
      deviceSeq: 42,
      v: 1,
      at: 1_700_000_000_000,
      mono: 12.5,
      pageLoadId: 'page-1',
      type: 'step_flagged',
      payload: { stepId: 'b', category: 'defect', note: 'Füße "kaputt" \\ ✓' },
    } as const;
    expect(eventHash(event)).toBe('fe8bbee79c59f668301682081cbb72384dc208aba46b2b5388c636169f2b76ff');
  });

  it('hashes every kind of validated event as sha256 of its canonical JSON', () => {
    const free = fc.record({
      text: fc.string({ maxLength: 40 }),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }),
    });
    fc.assert(
      fc.property(free, ({ text, value }) => {
        const events = runEvents((b) =>
          b
            .start()
            .emit('step_started', { stepId: 'a' })
            .emit('step_skipped', { stepId: 'a', reason: text })
            .emit('step_flagged', { stepId: 'a', category: 'tool', note: text })
            .emit('reading_recorded', { stepId: 'a', value, unit: text.slice(0, 20) })
            .emit('decision_answered', { stepId: 'a', answer: 'no' })
            .emit('text_recorded', { stepId: 'a', text })
            .emit('photo_attached', { stepId: 'a', photoId: IDS.run, mime: 'image/png', bytes: 3 })
            .emit('run_paused', {})
            .emit('run_resumed', {})
            .jump(-5)
            .emit('step_completed', { stepId: 'a' })
            .complete()
            .abort(text),
        );
        for (const raw of events) {
          const checked = checkEvent(JSON.parse(JSON.stringify(raw)), IDS.device);
          if (!checked.ok) throw new Error(checked.message);
          const expected = createHash('sha256').update(referenceCanonicalJson(checked.event)).digest('hex');
          expect(checked.hash).toBe(expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('checkEvent', () => {
  it('accepts a valid event with a hash independent of key order', () => {
    const checked = checkEvent(started, IDS.device);
    const reordered = checkEvent(Object.fromEntries(Object.entries(started ?? {}).reverse()), IDS.device);
    expect(checked.ok && reordered.ok && checked.hash === reordered.hash).toBe(true);
  });

  it('hashes different events differently, and ignores keys the schema drops', () => {
    if (!stepStarted) throw new Error('fixture');
    expect(eventHash(stepStarted)).not.toBe(eventHash({ ...stepStarted, at: stepStarted.at + 1 }));
    const withExtra = checkEvent({ ...stepStarted, extra: 'ignored' }, IDS.device);
    expect(withExtra.ok && withExtra.hash === eventHash(stepStarted)).toBe(true);
  });

  it('names the failing paths of an invalid event and keeps its id', () => {
    const checked = checkEvent({ ...stepStarted, seq: -1 }, IDS.device);
    expect(checked).toMatchObject({ ok: false, code: 'invalid_event', id: stepStarted?.id });
    expect(checked.ok ? '' : checked.message).toMatch(/^seq: /);
  });

  it('gives an empty id to an event without a usable one', () => {
    expect(checkEvent(null, IDS.device)).toMatchObject({ ok: false, id: '' });
    expect(checkEvent({ id: 7 }, IDS.device)).toMatchObject({ ok: false, id: '' });
  });
});

describe('storable', () => {
  it('finds NUL characters and lone surrogates, in values and keys', () => {
    expect(hasUnstorableText({ a: ['ok', 'fine \ud83d\ude00'] })).toBe(false);
    expect(hasUnstorableText({ a: ['x\u0000'] })).toBe(true);
    expect(hasUnstorableText({ 'k\ud800': 1 })).toBe(true);
    expect(hasUnstorableText('\udc00')).toBe(true);
  });

  it('makes a storable copy of anything', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const copy = storableCopy({ 'a\u0000': 'b\ud800', deep, u: undefined });
    expect(hasUnstorableText(copy)).toBe(false);
    expect(JSON.stringify(copy)).toContain('[nested too deep]');
  });
});

describe('ServerRunEvent (the shared RunEvent, compiled for the server)', () => {
  /** One valid event of every type. */
  const everyType = runEvents((b) =>
    b
      .start()
      .step('a', 1_000)
      .emit('step_skipped', { stepId: 'b', reason: 'not needed' })
      .flag('c')
      .emit('reading_recorded', { stepId: 'd', value: 21.5, unit: '°C' })
      .emit('decision_answered', { stepId: 'e', answer: 'yes' })
      .emit('text_recorded', { stepId: 'f', text: 'ok' })
      .emit('photo_attached', { stepId: 'g', photoId: IDS.sop, mime: 'image/jpeg', bytes: 1_000 })
      .emit('run_paused', {})
      .emit('run_resumed', {})
      .jump(5_000)
      .emit('run_completed', { confirmedCriteria: [0, 2] })
      .abort(),
  );

  /** Both schemas' verdicts on `value`, in a comparable form. */
  const verdicts = (value: unknown) =>
    [RunEvent, ServerRunEvent].map((schema) => {
      const parsed = schema.safeParse(value);
      return parsed.success
        ? { data: parsed.data }
        : { issues: parsed.error.issues.map((i) => ({ code: i.code, path: i.path })) };
    });

  it('covers every event type', () => {
    expect(new Set(everyType.map((e) => e.type)).size).toBe(RunEvent.def.options.length);
  });

  it('gives the verdict and the output of the shared schema, for valid events and for any change to one field', () => {
    for (const event of everyType) {
      const [shared, server] = verdicts(event);
      expect(server).toEqual(shared);
      expect(shared).toEqual({ data: event });
    }
    const field = fc.constantFrom('id', 'runId', 'seq', 'deviceSeq', 'v', 'at', 'mono', 'pageLoadId', 'type', 'extra');
    const payloadField = fc.constantFrom(
      'stepId',
      'sopVersion',
      'deviceId',
      'value',
      'unit',
      'answer',
      'note',
      'bytes',
      'confirmedCriteria',
      'deltaMs',
      'extra',
    );
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constant(undefined),
      fc.string({ maxLength: 600 }),
      fc.integer(),
      fc.double(),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...everyType),
        fc.boolean(),
        field,
        payloadField,
        value,
        (event, inPayload, key, payloadKey, v) => {
          const changed = inPayload
            ? { ...event, payload: { ...event.payload, [payloadKey]: v } }
            : { ...event, [key]: v };
          const [shared, server] = verdicts(changed);
          expect(server).toEqual(shared);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
