import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SopVersionContent, Step } from './sop.ts';
import { diffVersions, diffWords, isUnchanged } from './sop-diff.ts';

const check = (id: string, en = id.toUpperCase()): Step => ({ id, kind: 'check', title: { en }, critical: false });
const content = (...steps: Step[]): SopVersionContent => ({
  mode: 'sequential',
  objective: { en: 'Objective' },
  prerequisites: [],
  steps,
  acceptanceCriteria: [],
});

/** "a=" kept in place, "b>" moved, "c+" added, "d-" removed, "*" changed. */
function summary(before: SopVersionContent, after: SopVersionContent): string[] {
  return diffVersions(before, after).steps.map((s) => {
    const mark = s.status === 'added' ? '+' : s.status === 'removed' ? '-' : s.moved ? '>' : '=';
    return `${s.stepId}${mark}${s.changes.length > 0 ? '*' : ''}`;
  });
}

describe('diffVersions', () => {
  it('reports nothing for identical versions', () => {
    const v = content(check('a'), check('b'));
    expect(isUnchanged(diffVersions(v, v))).toBe(true);
  });

  it('matches steps by id: an inserted step shifts others without moving them', () => {
    expect(summary(content(check('a'), check('b')), content(check('a'), check('n'), check('b')))).toEqual([
      'a=',
      'n+',
      'b=',
    ]);
  });

  it('lists removed steps where they were', () => {
    expect(summary(content(check('a'), check('b'), check('c')), content(check('a'), check('c')))).toEqual([
      'a=',
      'b-',
      'c=',
    ]);
  });

  it('marks as moved only the steps outside the longest kept order', () => {
    const before = content(check('a'), check('b'), check('c'), check('d'));
    const after = content(check('b'), check('c'), check('d'), check('a'));
    expect(summary(before, after)).toEqual(['b=', 'c=', 'd=', 'a>']);
  });

  it('keeps an edited step (same id) as changed, with a word diff of each changed field', () => {
    const before = content({ ...check('a'), title: { en: 'Check tyre pressure', fr: 'Pression' } });
    const after = content({
      ...check('a'),
      title: { en: 'Check front tyre pressure', fr: 'Pression' },
      critical: true,
    });
    const [step] = diffVersions(before, after).steps;
    expect(step?.changes.map((c) => c.field)).toEqual(['title.en', 'critical']);
    expect(step?.changes[0]?.words).toEqual([
      { op: 'same', text: 'Check ' },
      { op: 'added', text: 'front ' },
      { op: 'same', text: 'tyre pressure' },
    ]);
  });

  it('compares kind-specific fields: range bounds and branch targets', () => {
    const reading = (max: number): Step => ({ ...check('r'), kind: 'reading', unit: 'bar', min: 1, max });
    const decision = (yes: string | null): Step => ({ ...check('q'), kind: 'decision', yes, no: null });
    const diff = diffVersions(content(reading(2), decision('r')), content(reading(3), decision(null)));
    expect(diff.steps.map((s) => s.changes.map((c) => `${c.field}:${c.before}→${c.after}`))).toEqual([
      ['max:2→3'],
      ['yes:r→'],
    ]);
  });

  it('reports changes outside the steps', () => {
    const before = content(check('a'));
    const after = { ...before, mode: 'free_order' as const, prerequisites: [{ en: 'Gloves' }] };
    expect(diffVersions(before, after).fields.map((f) => f.field)).toEqual(['mode', 'prerequisites.en']);
  });
});

describe('diffWords', () => {
  it('rebuilds both texts from its parts', () => {
    const before = 'Serrer les roues au couple  indiqué';
    const after = 'Serrer les quatre roues au couple indiqué par le constructeur';
    const parts = diffWords(before, after);
    const join = (ops: string[]) =>
      parts
        .filter((p) => ops.includes(p.op))
        .map((p) => p.text)
        .join('');
    expect(join(['same', 'removed'])).toBe(before);
    expect(join(['same', 'added'])).toBe(after);
  });

  it('rebuilds any two texts (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const parts = diffWords(before, after);
        const text = (op: string) =>
          parts
            .filter((p) => p.op !== op)
            .map((p) => p.text)
            .join('');
        return text('added') === before && text('removed') === after;
      }),
    );
  });
});
