import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { RunBuilder } from '../../test/support/events.ts';
import { RUN_EVENT_TYPES, RunEvent } from './events.ts';
import { LocalizedText, SopVersionContent, type Step, Uuid } from './sop.ts';
import { uuidv7 } from './uuid.ts';

const title = (en: string) => ({ en, fr: en });
const base = (id: string) => ({ id, title: title(`Step ${id}`), critical: false });
const allKinds = (): Step[] => [
  { ...base('check'), kind: 'check' },
  { ...base('ask'), kind: 'decision', yes: 'psi', no: null },
  { ...base('psi'), kind: 'reading', unit: 'bar', min: 1, max: 3 },
  { ...base('serial'), kind: 'text', required: true },
  { ...base('pic'), kind: 'photo', required: false },
];
const version = (steps: unknown[]) => ({
  mode: 'sequential',
  objective: title('Replace the pump'),
  prerequisites: [title('Power off')],
  steps,
  acceptanceCriteria: [title('No leak')],
});

/** The issues of a failed parse, as "path: message" lines. */
const issuesOf = (schema: z.ZodMiniType, input: unknown) => {
  const result = z.safeParse(schema, input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('SopVersionContent', () => {
  test('accepts a version with all five step kinds', () => {
    expect(issuesOf(SopVersionContent, version(allKinds()))).toEqual([]);
  });

  test('rejects duplicate step ids at the second one', () => {
    const steps = allKinds();
    steps[3] = { ...base('check'), kind: 'text', required: true };
    expect(issuesOf(SopVersionContent, version(steps))).toEqual(['steps.3.id: duplicate_step_id']);
  });

  test('rejects a decision leading to an unknown step or to itself', () => {
    const steps = allKinds();
    steps[1] = { ...base('ask'), kind: 'decision', yes: 'nowhere', no: 'ask' };
    expect(issuesOf(SopVersionContent, version(steps))).toEqual([
      'steps.1.yes: unknown_branch_target',
      'steps.1.no: branch_to_itself',
    ]);
  });

  test('rejects a reading range with min > max, accepts min = max', () => {
    const range = (min: number, max: number) => version([{ ...base('psi'), kind: 'reading', unit: 'bar', min, max }]);
    expect(issuesOf(SopVersionContent, range(5, 2))).toEqual(['steps.0.max: empty_range']);
    expect(issuesOf(SopVersionContent, range(2, 2))).toEqual([]);
  });

  test('the issues read well for a person', () => {
    const steps = [...allKinds(), { ...base('psi'), kind: 'check' }];
    const result = z.safeParse(SopVersionContent, version(steps));
    expect(result.success).toBe(false);
    expect(z.prettifyError((result as { error: z.core.$ZodError }).error)).toContain('at steps[5].id');
  });

  test('rejects a version without steps and a step of unknown kind', () => {
    expect(issuesOf(SopVersionContent, version([]))).not.toEqual([]);
    expect(issuesOf(SopVersionContent, version([{ ...base('x'), kind: 'signature' }]))).not.toEqual([]);
  });
});

describe('LocalizedText', () => {
  test.each([[{ en: 'Hello' }], [{ fr: 'Bonjour' }], [{ en: '', fr: 'Bonjour' }]])('accepts %j', (text) => {
    expect(issuesOf(LocalizedText, text)).toEqual([]);
  });

  test.each([[{}], [{ en: '', fr: '' }], [{ en: '   ', fr: '\n' }]])('rejects %j: neither language', (text) => {
    expect(issuesOf(LocalizedText, text)).toEqual([': text_required']);
  });
});

/** A stream that uses every event type once or more. */
function everyEventType(): RunEvent[] {
  return new RunBuilder()
    .start({ training: true })
    .step('a', 1000)
    .emit('step_skipped', { stepId: 'b', reason: 'not fitted' })
    .flag('a', 'safety', 'loose cable')
    .emit('reading_recorded', { stepId: 'psi', value: 2.5, unit: 'bar' })
    .emit('decision_answered', { stepId: 'ask', answer: 'yes' })
    .emit('text_recorded', { stepId: 'serial', text: 'SN-1' })
    .emit('photo_attached', { stepId: 'pic', photoId: uuidv7(), mime: 'image/webp', bytes: 2048 })
    .emit('run_paused', {})
    .emit('run_resumed', {})
    .jump(-3600_000)
    .complete()
    .abort().events;
}

describe('RunEvent', () => {
  test('accepts every event type the builder makes', () => {
    const events = everyEventType();
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(RUN_EVENT_TYPES));
    for (const e of events) expect(issuesOf(RunEvent, e), e.type).toEqual([]);
  });

  test.each([
    ['reading_recorded', { stepId: 'psi', value: '2.5', unit: 'bar' }, 'payload.value'],
    ['step_flagged', { stepId: 'a', category: 'sloppy', note: '' }, 'payload.category'],
    ['photo_attached', { stepId: 'pic', photoId: 'not-a-uuid', mime: 'image/jpeg', bytes: 10 }, 'payload.photoId'],
    ['step_started', { stepId: 'has space' }, 'payload.stepId'],
    ['clock_jump', { deltaMs: 1.5 }, 'payload.deltaMs'],
  ])('rejects a %s with a wrong payload %j', (type, payload, path) => {
    const [valid] = new RunBuilder().start().events;
    const issues = issuesOf(RunEvent, { ...valid, type, payload });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatch(new RegExp(`^${path.replace('.', '\\.')}:`));
  });

  test('rejects an unknown type and a wrong schema version', () => {
    const [valid] = new RunBuilder().start().events;
    expect(issuesOf(RunEvent, { ...valid, type: 'run_exploded' })).not.toEqual([]);
    expect(issuesOf(RunEvent, { ...valid, v: 2 })).not.toEqual([]);
  });
});

describe('uuidv7', () => {
  const maxTime = 2 ** 48 - 1;
  const timeOf = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);

  test('makes RFC 9562 version 7 UUIDs holding their time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxTime }), (ms) => {
        const id = uuidv7(ms);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(timeOf(id)).toBe(ms);
        expect(z.safeParse(Uuid, id).success).toBe(true);
      }),
    );
  });

  test('sorts by time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxTime - 1 }), fc.integer({ min: 1, max: maxTime }), (t, gap) => {
        const later = Math.min(maxTime, t + gap);
        expect(uuidv7(t) < uuidv7(later)).toBe(true);
      }),
    );
  });

  test('defaults to now and never repeats', () => {
    const before = Date.now();
    const ids = Array.from({ length: 1000 }, () => uuidv7());
    const after = Date.now();
    expect(new Set(ids).size).toBe(1000);
    for (const ms of ids.map(timeOf)) expect(ms >= before && ms <= after).toBe(true);
  });
});
