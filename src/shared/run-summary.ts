/**
 * The derived facts of one run that the phone shows on its summary screen and the
 * server stores for analytics: status, durations, and one row per step execution.
 * Both sides call this same function, so their numbers can never disagree.
 */
import { runDurations } from './durations.ts';
import type { RunEvent } from './events.ts';
import { foldRun, isStepFlagged, type RunState, type StepStatus } from './fold.ts';
import type { SopVersionContent } from './sop.ts';

export interface StepExecution {
  stepId: string;
  status: StepStatus;
  totalMs: number;
  activeMs: number;
  flagged: boolean;
  flagCategories: string[];
}

export interface RunSummary {
  state: RunState;
  totalMs: number | null;
  activeMs: number | null;
  /** design.md: a completed run with at least one flagged step. */
  errored: boolean;
  flaggedSteps: number;
  /** The path taken, then any step touched without being opened. */
  steps: StepExecution[];
}

/** Summarises a run; `content` is the version it ran on (for reading ranges). */
export function summarizeRun(events: readonly RunEvent[], content?: SopVersionContent, now?: number): RunSummary {
  const state = foldRun(events);
  const durations = runDurations(events, now);
  const defs = new Map(content?.steps.map((s) => [s.id, s]));
  // Steps touched without ever being opened (skipped or flagged from the list) follow the
  // path; otherwise their flags would not make the run errored.
  const touched = Object.keys(state.steps).filter((stepId) => !state.path.includes(stepId));
  const steps: StepExecution[] = [...state.path, ...touched].map((stepId) => {
    const s = state.steps[stepId];
    const d = durations.steps[stepId];
    const flagged = s ? isStepFlagged(s, defs.get(stepId)) : false;
    return {
      stepId,
      status: s?.status ?? 'pending',
      totalMs: d?.totalMs ?? 0,
      activeMs: d?.activeMs ?? 0,
      flagged,
      flagCategories: s ? [...new Set(s.flags.map((f) => f.category))] : [],
    };
  });
  const flaggedSteps = steps.filter((s) => s.flagged).length;
  return {
    state,
    totalMs: durations.totalMs,
    activeMs: durations.activeMs,
    errored: state.status === 'completed' && flaggedSteps > 0,
    flaggedSteps,
    steps,
  };
}
