/**
 * Where a run goes next. Sequential versions: the next step in array order, unless a
 * decision answer names its own target (null = the end of the run). Free-order versions:
 * the technician picks; the run can finish once every item is done or skipped.
 */
import type { RunState } from '../../shared/fold.ts';
import type { SopVersionContent, Step } from '../../shared/sop.ts';

export function findStep(content: SopVersionContent, stepId: string | null): Step | undefined {
  return stepId === null ? undefined : content.steps.find((s) => s.id === stepId);
}

/** The step after `stepId` in a sequential run, or null at the end. */
export function nextStepId(content: SopVersionContent, stepId: string, answer?: 'yes' | 'no'): string | null {
  const index = content.steps.findIndex((s) => s.id === stepId);
  const step = content.steps[index];
  if (step?.kind === 'decision' && answer) return step[answer];
  return content.steps[index + 1]?.id ?? null;
}

/** 1-based position of a step in its version, for "Step 3 of 9". */
export function stepNumber(content: SopVersionContent, stepId: string): number {
  return content.steps.findIndex((s) => s.id === stepId) + 1;
}

/** Steps that are done or skipped. */
export function settledCount(state: RunState, content: SopVersionContent): number {
  return content.steps.filter((s) => {
    const status = state.steps[s.id]?.status;
    return status === 'done' || status === 'skipped';
  }).length;
}

/** True when the run has no current step left to work on and can show its summary. */
export function readyToFinish(state: RunState, content: SopVersionContent): boolean {
  if (state.status !== 'in_progress') return false;
  if (content.mode === 'free_order') return settledCount(state, content) === content.steps.length;
  return state.currentStepId === null;
}
