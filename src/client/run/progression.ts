/**
 * Where a run goes next. Sequential versions: the next step in array order, unless a
 * decision answer names its own target (null = the end of the run). Free-order versions:
 * the technician picks; the run can finish once every item is done or skipped. Progress
 * ("step 3 of 9") follows the path actually taken: see pathProgress.
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

/** The steps that can follow `step`: both branches of a decision (null = the end), else the next one. */
function successors(content: SopVersionContent, index: number): (string | null)[] {
  const step = content.steps[index];
  if (step?.kind === 'decision') return [step.yes, step.no];
  return [content.steps[index + 1]?.id ?? null];
}

/**
 * Steps on the longest way from `stepId` (included) to the end of the run. Memoised per
 * step, so it is linear in the version's size; a branch that loops back to a step being
 * explored counts as ending there (a loop's length is not knowable in advance).
 */
function longestRemaining(content: SopVersionContent, stepId: string): number {
  const indexOf = new Map(content.steps.map((s, i) => [s.id, i]));
  const memo = new Map<string, number>();
  const exploring = new Set<string>();
  const walk = (id: string | null): number => {
    const index = id === null ? undefined : indexOf.get(id);
    if (id === null || index === undefined || exploring.has(id)) return 0;
    const known = memo.get(id);
    if (known !== undefined) return known;
    exploring.add(id);
    const length = 1 + Math.max(...successors(content, index).map(walk));
    exploring.delete(id);
    memo.set(id, length);
    return length;
  };
  return walk(stepId);
}

/**
 * "Step n of total" along the decision path. n = the current step's place in the path
 * taken so far (steps in the order first reached). total = n − 1 + the steps on the
 * longest way still possible from the current step: before a decision is answered the
 * total assumes the longer branch, so it only ever shrinks when a shorter branch is
 * taken and never surprises the technician by growing (except when a branch loops back).
 */
export function pathProgress(state: RunState, content: SopVersionContent): { n: number; total: number } | null {
  const current = state.currentStepId;
  if (current === null) return null;
  const index = state.path.indexOf(current);
  const n = (index === -1 ? state.path.length : index) + 1;
  return { n, total: n - 1 + Math.max(1, longestRemaining(content, current)) };
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
