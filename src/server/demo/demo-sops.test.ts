import { describe, expect, it } from 'vitest';
import { type LocalizedText, SopVersionContent, type Step, type StepKind } from '../../shared/sop.ts';
import { DEMO_SOPS } from './index.ts';

const ALL_KINDS: StepKind[] = ['check', 'decision', 'reading', 'text', 'photo'];

/** Every LocalizedText-shaped value anywhere in `value`, with its path, for the both-languages rule. */
function localizedTexts(value: unknown, path = ''): { path: string; text: LocalizedText }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => localizedTexts(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => k === 'fr' || k === 'en')) return [{ path, text: value as LocalizedText }];
  return Object.entries(value).flatMap(([k, v]) => localizedTexts(v, path ? `${path}.${k}` : k));
}

/** Decisions of a sequential SOP whose branch points back (or nowhere), which could loop a run forever. */
function backwardBranches(steps: readonly Step[]): string[] {
  const index = new Map(steps.map((step, i) => [step.id, i]));
  return steps.flatMap((step, i) => {
    if (step.kind !== 'decision') return [];
    return [step.yes, step.no]
      .filter((target): target is string => target !== null && (index.get(target) ?? -1) <= i)
      .map((target) => `${step.id} -> ${target}`);
  });
}

describe('demo SOPs', () => {
  it('are eight, with unique keys, in the order a vehicle goes through the workshop', () => {
    expect(DEMO_SOPS.map((sop) => sop.key)).toEqual([
      'customer-reception',
      'diagnosis',
      'ordering-parts',
      'repair',
      'final-test',
      'invoicing',
      'after-sales',
      'payment-reminder',
    ]);
    expect(new Set(DEMO_SOPS.map((sop) => sop.key)).size).toBe(8);
  });

  describe.each(DEMO_SOPS.map((sop) => [sop.key, sop] as const))('%s', (_key, sop) => {
    it('has content valid for the shared schema', () => {
      const parsed = SopVersionContent.safeParse(sop.content);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    });

    it('has 5–12 steps, at least two prerequisites and two acceptance criteria', () => {
      expect(sop.content.steps.length).toBeGreaterThanOrEqual(5);
      expect(sop.content.steps.length).toBeLessThanOrEqual(12);
      expect(sop.content.prerequisites.length).toBeGreaterThanOrEqual(2);
      expect(sop.content.acceptanceCriteria.length).toBeGreaterThanOrEqual(2);
    });

    it('fills in every text in both French and English', () => {
      const texts = localizedTexts(sop);
      // title + objective + prerequisites + criteria + a title per step, at the very least
      expect(texts.length).toBeGreaterThan(sop.content.steps.length + 4);
      const missing = texts.filter(({ text }) => !text.fr?.trim() || !text.en?.trim()).map(({ path }) => path);
      expect(missing).toEqual([]);
    });

    it('has a valid category and review interval', () => {
      expect(['operational', 'support', 'management']).toContain(sop.category);
      expect([90, 180]).toContain(sop.reviewIntervalDays);
      expect(sop.changeNote.trim()).not.toBe('');
    });

    it.runIf(sop.content.mode === 'sequential')('only branches forward, so every run ends', () => {
      expect(backwardBranches(sop.content.steps)).toEqual([]);
    });
  });

  it('use every step kind, each in several SOPs', () => {
    for (const kind of ALL_KINDS) {
      const sopsUsingKind = DEMO_SOPS.filter((sop) => sop.content.steps.some((step) => step.kind === kind));
      expect(sopsUsingKind.length, kind).toBeGreaterThanOrEqual(2);
    }
  });

  it('include at least one free-order inspection checklist', () => {
    expect(DEMO_SOPS.some((sop) => sop.content.mode === 'free_order')).toBe(true);
  });

  it('mark the safety steps as critical', () => {
    const critical = DEMO_SOPS.flatMap((sop) => sop.content.steps.filter((step) => step.critical).map((s) => s.id));
    expect(critical).toEqual(expect.arrayContaining(['disconnect-battery', 'torque-check', 'brake-test']));
  });
});
