/**
 * Pure edits of a draft's steps: add, duplicate, delete, move, change kind. Each returns
 * a new draft. A step keeps its id through every edit (so versions compare step by step);
 * a new or duplicated step gets a fresh id. Deleting a step leaves any decision that
 * pointed to it pointing nowhere on purpose: validation shows the author that branch.
 */

import type { StepKind } from '../../shared/sop.ts';
import type { DraftContent, DraftStep, SopDraft } from '../../shared/sop-draft.ts';
import { uuidv7 } from '../../shared/uuid.ts';
import { moveItem } from '../ui/reorder.ts';

/** A new step id: short, unique, valid for the shared StepId pattern. */
export const newStepId = (): string => `s-${uuidv7().replaceAll('-', '').slice(-12)}`;

const withSteps = (draft: SopDraft, steps: DraftStep[]): SopDraft => ({
  ...draft,
  content: { ...draft.content, steps },
});

export function addStep(draft: SopDraft, id = newStepId()): SopDraft {
  return withSteps(draft, [...draft.content.steps, { id, kind: 'check', title: {}, critical: false }]);
}

export function duplicateStep(draft: SopDraft, index: number, id = newStepId()): SopDraft {
  const step = draft.content.steps[index];
  if (!step) return draft;
  const steps = [...draft.content.steps];
  steps.splice(index + 1, 0, { ...structuredClone(step), id });
  return withSteps(draft, steps);
}

export function deleteStep(draft: SopDraft, index: number): SopDraft {
  return withSteps(
    draft,
    draft.content.steps.filter((_, i) => i !== index),
  );
}

/** Moves the step at `from` to position `to` (both clamped to the list). */
export function moveStep(draft: SopDraft, from: number, to: number): SopDraft {
  const steps = moveItem(draft.content.steps, from, to);
  return steps === draft.content.steps ? draft : withSteps(draft, [...steps]);
}

export function replaceStep(draft: SopDraft, index: number, step: DraftStep): SopDraft {
  return withSteps(
    draft,
    draft.content.steps.map((s, i) => (i === index ? step : s)),
  );
}

/** The same step as another kind: shared fields kept, the new kind's fields defaulted. */
export function changeKind(step: DraftStep, kind: StepKind): DraftStep {
  const { id, title, instructions, why, images, critical, expectedSeconds } = step;
  const base = {
    id,
    title,
    critical,
    ...(instructions ? { instructions } : {}),
    ...(why ? { why } : {}),
    ...(images ? { images } : {}),
    ...(expectedSeconds !== undefined ? { expectedSeconds } : {}),
  };
  switch (kind) {
    case 'decision':
      return { ...base, kind, yes: null, no: null };
    case 'reading':
      return { ...base, kind, unit: '' };
    case 'text':
    case 'photo':
      return { ...base, kind, required: true };
    default:
      return { ...base, kind: 'check' };
  }
}

export function setContent(draft: SopDraft, patch: Partial<DraftContent>): SopDraft {
  return { ...draft, content: { ...draft.content, ...patch } };
}
