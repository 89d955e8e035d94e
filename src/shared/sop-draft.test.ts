import { describe, expect, it } from 'vitest';
import { draftProblems, emptyDraft, publishableContent, type SopDraft, toVersionContent } from './sop-draft.ts';

const draft = (patch: Partial<SopDraft['content']> = {}, title = { fr: 'Contrôle pneus' }): SopDraft => {
  const base = emptyDraft(title, 'operational', 's1');
  return {
    ...base,
    content: {
      ...base.content,
      objective: { fr: 'Rouler en sécurité' },
      steps: [{ id: 's1', kind: 'check', title: { fr: 'Vérifier la pression' }, critical: false }],
      ...patch,
    },
  };
};

describe('draftProblems', () => {
  it('accepts a complete draft', () => {
    expect(draftProblems(draft())).toEqual([]);
  });

  it('names each problem with a code and the path the editor shows', () => {
    const problems = draftProblems({
      ...draft(
        {
          objective: { en: '  ' },
          prerequisites: [{ fr: 'Gants' }, { fr: '' }, { en: 'x'.repeat(4001) }],
          steps: [
            { id: 's1', kind: 'check', title: {}, critical: false },
            { id: 's2', kind: 'decision', title: { en: 'OK?' }, critical: false, yes: 'gone', no: 's2' },
            { id: 's3', kind: 'reading', title: { en: 'P' }, critical: false, unit: 'bar', min: 3, max: 2 },
            { id: 's3', kind: 'check', title: { en: 'Dup' }, critical: false, expectedSeconds: 0 },
          ],
        },
        { fr: '' },
      ),
      reviewIntervalDays: 0,
    });
    expect(problems.map((p) => `${p.path.join('.')}:${p.code}`)).toEqual([
      'title:text_required',
      'reviewIntervalDays:invalid_interval',
      'content.objective:text_required',
      'content.prerequisites.2.en:too_long',
      'content.steps.0.title:text_required',
      'content.steps.3.expectedSeconds:invalid_duration',
      'content.steps.3.id:duplicate_step_id',
      'content.steps.1.yes:unknown_branch_target',
      'content.steps.1.no:branch_to_itself',
      'content.steps.2.max:empty_range',
    ]);
  });

  it('runs the cross-step rules (contentProblems)', () => {
    const problems = draftProblems(
      draft({
        steps: [
          { id: 's2', kind: 'decision', title: { en: 'OK?' }, critical: false, yes: 'gone', no: 's2' },
          { id: 's3', kind: 'reading', title: { en: 'P' }, critical: false, unit: 'bar', min: 3, max: 2 },
          { id: 's3', kind: 'check', title: { en: 'Dup' }, critical: false },
        ],
      }),
    );
    expect(problems.map((p) => `${p.path.join('.')}:${p.code}`)).toEqual([
      'content.steps.2.id:duplicate_step_id',
      'content.steps.0.yes:unknown_branch_target',
      'content.steps.0.no:branch_to_itself',
      'content.steps.1.max:empty_range',
    ]);
  });

  it('wants at least one step', () => {
    expect(draftProblems(draft({ steps: [] })).map((p) => p.code)).toEqual(['no_steps']);
  });
});

describe('toVersionContent', () => {
  it('drops blank optional texts and blank list lines, keeps the step ids', () => {
    const out = toVersionContent(
      draft({
        prerequisites: [{ fr: '' }, { fr: 'Cric', en: ' ' }],
        steps: [{ id: 's1', kind: 'check', title: { fr: 'A', en: '' }, instructions: { fr: ' ' }, critical: true }],
      }).content,
    );
    expect(out).toEqual({
      mode: 'sequential',
      objective: { fr: 'Rouler en sécurité' },
      prerequisites: [{ fr: 'Cric' }],
      steps: [{ id: 's1', kind: 'check', title: { fr: 'A' }, critical: true }],
      acceptanceCriteria: [],
    });
    expect(publishableContent(draft()).ok).toBe(true);
  });
});
