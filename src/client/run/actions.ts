/**
 * What each control of the run screen records. Every function builds the events of one
 * tap and stores them with a single recordEvents call, so a step's answer, its
 * completion and the start of the next step commit together or not at all.
 *
 * Two tabs on one run: each call passes the run's last seq as the screen showed it
 * (`ctx.state.lastSeq`); if another tab recorded in between, recordEvents refuses with
 * RunChangedError, nothing is stored, and the screen (a live query) shows the new state.
 */
import type { FlagCategory } from '../../shared/events.ts';
import type { RunState } from '../../shared/fold.ts';
import type { SopVersionContent } from '../../shared/sop.ts';
import { type EventDraft, recordEvents } from '../db/record.ts';
import { nextStepId } from './progression.ts';

export interface RunContext {
  runId: string;
  content: SopVersionContent;
  state: RunState;
}

/** Stores one tap's events, provided the run is still where the screen showed it. */
async function record(ctx: RunContext, drafts: EventDraft[]): Promise<void> {
  await recordEvents(ctx.runId, drafts, { expectedLastSeq: ctx.state.lastSeq });
}

/** step_completed, then (sequential only) step_started of the step that follows. */
function completion(ctx: RunContext, stepId: string, answer?: 'yes' | 'no'): EventDraft[] {
  const drafts: EventDraft[] = [{ type: 'step_completed', payload: { stepId } }];
  if (ctx.content.mode === 'sequential') {
    const next = nextStepId(ctx.content, stepId, answer);
    if (next !== null) drafts.push({ type: 'step_started', payload: { stepId: next } });
  }
  return drafts;
}

export interface StepAnswer {
  reading?: { value: number; unit: string };
  text?: string;
  /** A problem noted with the answer (e.g. why a critical reading is out of range). */
  flag?: { category: FlagCategory; note: string };
}

/** "Done" on a check, reading, text or photo step, with what the technician entered. */
export async function completeStep(ctx: RunContext, stepId: string, answer: StepAnswer = {}): Promise<void> {
  const drafts: EventDraft[] = [];
  if (answer.reading) drafts.push({ type: 'reading_recorded', payload: { stepId, ...answer.reading } });
  if (answer.text !== undefined && answer.text !== '') {
    drafts.push({ type: 'text_recorded', payload: { stepId, text: answer.text } });
  }
  if (answer.flag) drafts.push({ type: 'step_flagged', payload: { stepId, ...answer.flag } });
  await record(ctx, [...drafts, ...completion(ctx, stepId)]);
}

/** "Yes"/"No": the answer, the completion, and the branch target (or the end). */
export async function answerDecision(ctx: RunContext, stepId: string, answer: 'yes' | 'no'): Promise<void> {
  await record(ctx, [{ type: 'decision_answered', payload: { stepId, answer } }, ...completion(ctx, stepId, answer)]);
}

export async function skipStep(ctx: RunContext, stepId: string, reason: string): Promise<void> {
  const [, ...next] = completion(ctx, stepId);
  await record(ctx, [{ type: 'step_skipped', payload: { stepId, reason } }, ...next]);
}

export async function flagStep(ctx: RunContext, stepId: string, category: FlagCategory, note: string): Promise<void> {
  await record(ctx, [{ type: 'step_flagged', payload: { stepId, category, note } }]);
}

/** Free-order runs: the technician opens an item. */
export async function openItem(ctx: RunContext, stepId: string): Promise<void> {
  await record(ctx, [{ type: 'step_started', payload: { stepId } }]);
}

export async function pauseRun(ctx: RunContext): Promise<void> {
  await record(ctx, [{ type: 'run_paused', payload: {} }]);
}

export async function resumeRun(ctx: RunContext): Promise<void> {
  await record(ctx, [{ type: 'run_resumed', payload: {} }]);
}

export async function finishRun(ctx: RunContext, confirmedCriteria: number[]): Promise<void> {
  await record(ctx, [{ type: 'run_completed', payload: { confirmedCriteria } }]);
}

export async function abortRun(ctx: RunContext, reason: string): Promise<void> {
  await record(ctx, [{ type: 'run_aborted', payload: { reason } }]);
}
