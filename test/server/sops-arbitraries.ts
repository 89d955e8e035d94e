/**
 * fast-check arbitraries of valid SOP content and export files: steps with unique ids,
 * decisions pointing to existing steps (never to themselves) or to the end, ranges with
 * min ≤ max, and an export whose status matches its versions. Values are chosen to
 * survive JSON and PostgreSQL jsonb unchanged (no -0, no NaN, no NUL character).
 */
import fc from 'fast-check';
import { draftFromVersion } from '../../src/shared/sop-draft.ts';
import type { SopExport } from '../../src/shared/sop-export.ts';
import type { LocalizedText, SopVersionContent, Step } from '../../src/shared/sop.ts';

const word = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim().length > 0);

export const localizedText: fc.Arbitrary<LocalizedText> = fc.oneof(
  fc.record({ en: word }),
  fc.record({ fr: word }),
  fc.record({ en: word, fr: word }),
);

const number = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => (v === 0 ? 0 : v));

function stepFor(id: string, others: string[]): fc.Arbitrary<Step> {
  const target = others.length > 0 ? fc.option(fc.constantFrom(...others), { nil: null }) : fc.constant(null);
  const base = fc.record(
    {
      id: fc.constant(id),
      title: localizedText,
      instructions: localizedText,
      why: localizedText,
      critical: fc.boolean(),
      expectedSeconds: fc.integer({ min: 1, max: 7 * 24 * 3600 }),
    },
    { requiredKeys: ['id', 'title', 'critical'] },
  );
  return fc.oneof(
    base.map((b): Step => ({ ...b, kind: 'check' })),
    fc.tuple(base, target, target).map(([b, yes, no]): Step => ({ ...b, kind: 'decision', yes, no })),
    fc
      .tuple(
        base,
        fc.string({ maxLength: 8 }),
        fc.option(number, { nil: undefined }),
        fc.option(number, { nil: undefined }),
      )
      .map(([b, unit, x, y]): Step => {
        const [min, max] = x !== undefined && y !== undefined && x > y ? [y, x] : [x, y];
        return {
          ...b,
          kind: 'reading',
          unit,
          ...(min === undefined ? {} : { min }),
          ...(max === undefined ? {} : { max }),
        };
      }),
    fc.tuple(base, fc.boolean()).map(([b, required]): Step => ({ ...b, kind: 'text', required })),
    fc.tuple(base, fc.boolean()).map(([b, required]): Step => ({ ...b, kind: 'photo', required })),
  );
}

export const versionContent: fc.Arbitrary<SopVersionContent> = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9_-]{1,10}$/), { minLength: 1, maxLength: 8 })
  .chain((ids) =>
    fc.record({
      mode: fc.constantFrom('sequential' as const, 'free_order' as const),
      objective: localizedText,
      prerequisites: fc.array(localizedText, { maxLength: 3 }),
      steps: fc.tuple(
        ...ids.map((id) =>
          stepFor(
            id,
            ids.filter((other) => other !== id),
          ),
        ),
      ),
      acceptanceCriteria: fc.array(localizedText, { maxLength: 3 }),
    }),
  );

const epochMs = fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 });

/** A valid export file: 0–3 versions, a status that matches them, perhaps a draft. */
export const sopExportFile: fc.Arbitrary<SopExport> = fc
  .record({
    title: localizedText,
    category: fc.constantFrom('operational' as const, 'support' as const, 'management' as const),
    ownerName: fc.option(word, { nil: null }),
    reviewIntervalDays: fc.integer({ min: 1, max: 3650 }),
    lastReviewedAt: fc.option(epochMs, { nil: null }),
    versions: fc.array(
      fc.record({
        publishedAt: epochMs,
        publishedBy: fc.option(fc.uuid(), { nil: null }),
        changeNote: fc.string({ maxLength: 40 }),
        content: versionContent,
      }),
      { maxLength: 3 },
    ),
    draftContent: fc.option(versionContent, { nil: null }),
    archived: fc.boolean(),
  })
  .map(({ versions, draftContent, archived, ...sop }) => {
    const published = versions.length > 0;
    // A SOP with no version is only importable with a draft.
    const draftSource = draftContent ?? (published ? null : draftContentFallback);
    return {
      format: 'fieldbook-sop' as const,
      formatVersion: 1 as const,
      exportedAt: 1_700_000_000_000,
      sop: {
        ...sop,
        status: archived ? ('archived' as const) : published ? ('published' as const) : ('draft' as const),
      },
      versions: versions.map((v, i) => ({ ...v, version: i + 1 })),
      draft: draftSource ? draftFromVersion(sop, draftSource, sop.ownerName) : null,
    };
  });

const draftContentFallback: SopVersionContent = {
  mode: 'sequential',
  objective: { en: 'Fallback' },
  prerequisites: [],
  steps: [{ id: 'only', kind: 'check', title: { en: 'Only step' }, critical: false }],
  acceptanceCriteria: [],
};
