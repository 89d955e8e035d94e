/**
 * Draft problems in words. `draftProblems` (shared) gives a code and a path; the editor
 * shows each problem next to its field (keyed by the path) and in a summary that says
 * where it is ("Step 3, title: …").
 */
import type { DraftProblem, ProblemCode } from '../../shared/sop-draft.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');

/** Problems grouped by the field they belong to. */
export function problemsByField(problems: readonly DraftProblem[]): Map<string, ProblemCode[]> {
  const byField = new Map<string, ProblemCode[]>();
  for (const problem of problems) {
    // A problem inside a text ("title.en") belongs to the text's field.
    const path = problem.path.filter((p) => p !== 'en' && p !== 'fr');
    const key = pathKey(path);
    byField.set(key, [...(byField.get(key) ?? []), problem.code]);
  }
  return byField;
}

export const problemMessage = (t: Translate, code: ProblemCode): string => t(`problem.${code}` as MessageKey);

const STEP_FIELDS: Record<string, MessageKey> = {
  title: 'editor.step.title',
  instructions: 'editor.step.instructions',
  why: 'editor.step.why',
  yes: 'editor.step.yes',
  no: 'editor.step.no',
  unit: 'editor.step.unit',
  min: 'editor.step.min',
  max: 'editor.step.max',
  expectedSeconds: 'editor.step.expected',
  id: 'editor.step.id',
};

/** Where a problem is, for people: "Step 3, title", "Prerequisite 2", "Title". */
export function problemPlace(t: Translate, path: readonly (string | number)[]): string {
  const [first, second, third, fourth, fifth] = path;
  if (first === 'title') return t('editor.sopTitle');
  if (first === 'reviewIntervalDays') return t('editor.reviewInterval');
  if (second === 'objective') return t('editor.objective');
  if (second === 'prerequisites') return t('editor.prerequisiteN', { n: Number(third) + 1 });
  if (second === 'acceptanceCriteria') return t('editor.criterionN', { n: Number(third) + 1 });
  if (second === 'steps' && typeof third === 'number') {
    const step = t('editor.stepN', { n: third + 1 });
    if (fourth === 'images' && typeof fifth === 'number') {
      return `${step}, ${t('editor.image.alt', { n: fifth + 1 }).toLowerCase()}`;
    }
    const field = typeof fourth === 'string' ? STEP_FIELDS[fourth] : undefined;
    return field ? `${step}, ${t(field).toLowerCase()}` : step;
  }
  return t('editor.steps');
}
