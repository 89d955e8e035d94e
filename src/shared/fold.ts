/**
 * foldRun: a run's state as a pure fold of its events.
 *
 * Events may arrive in any order and more than once (sync retries, late uploads). The fold
 * therefore (1) drops repeated ids, (2) orders by the per-run sequence number `seq`
 * (ties broken by id so the result never depends on arrival order) and never by device
 * time, which a phone can get wrong, then (3) applies each event in turn.
 *
 * Step intervals: a step becomes current with `step_started` and stops being current at
 * its completion or skip, when another step starts (free-order runs: the technician
 * opened another item), or when the run ends. Durations over those intervals live in
 * durations.ts; this module records which events bound them.
 */
import type { FlagCategory, RunEvent } from './events.ts';
import type { SopVersionContent, Step } from './sop.ts';

export type StepStatus = 'pending' | 'done' | 'skipped';
export type RunStatus = 'not_started' | 'in_progress' | 'completed' | 'aborted';

export interface StepFlag {
  category: FlagCategory;
  note: string;
  at: number;
}

export interface StepState {
  stepId: string;
  status: StepStatus;
  flags: StepFlag[];
  reading?: { value: number; unit: string };
  answer?: 'yes' | 'no';
  text?: string;
  photoIds: string[];
  skipReason?: string;
  /** How many times the step became current (a step revisited is still one execution). */
  visits: number;
}

export interface RunState {
  runId: string | null;
  sopId: string | null;
  sopVersion: number | null;
  userId: string | null;
  deviceId: string | null;
  training: boolean;
  status: RunStatus;
  paused: boolean;
  currentStepId: string | null;
  /** Steps in the order they were first reached: the path actually taken. */
  path: string[];
  steps: Record<string, StepState>;
  startedAt: number | null;
  endedAt: number | null;
  abortReason: string | null;
  confirmedCriteria: number[];
  lastSeq: number;
}

/** Orders events by per-run sequence (id breaks ties) after dropping repeated ids. */
export function orderEvents(events: readonly RunEvent[]): RunEvent[] {
  const byId = new Map<string, RunEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function emptyState(): RunState {
  return {
    runId: null,
    sopId: null,
    sopVersion: null,
    userId: null,
    deviceId: null,
    training: false,
    status: 'not_started',
    paused: false,
    currentStepId: null,
    path: [],
    steps: {},
    startedAt: null,
    endedAt: null,
    abortReason: null,
    confirmedCriteria: [],
    lastSeq: -1,
  };
}

function stepOf(state: RunState, stepId: string): StepState {
  let step = state.steps[stepId];
  if (!step) {
    step = { stepId, status: 'pending', flags: [], photoIds: [], visits: 0 };
    state.steps[stepId] = step;
  }
  return step;
}

function apply(state: RunState, e: RunEvent): void {
  state.lastSeq = e.seq;
  if (state.runId === null) state.runId = e.runId;
  switch (e.type) {
    case 'run_started':
      Object.assign(state, {
        sopId: e.payload.sopId,
        sopVersion: e.payload.sopVersion,
        userId: e.payload.userId,
        deviceId: e.payload.deviceId,
        training: e.payload.training,
        startedAt: e.at,
      });
      if (state.status === 'not_started') state.status = 'in_progress';
      return;
    case 'step_started': {
      const step = stepOf(state, e.payload.stepId);
      step.visits += 1;
      if (!state.path.includes(step.stepId)) state.path.push(step.stepId);
      state.currentStepId = step.stepId;
      return;
    }
    case 'step_completed':
    case 'step_skipped': {
      const step = stepOf(state, e.payload.stepId);
      step.status = e.type === 'step_completed' ? 'done' : 'skipped';
      if (e.type === 'step_skipped') step.skipReason = e.payload.reason;
      if (state.currentStepId === step.stepId) state.currentStepId = null;
      return;
    }
    case 'step_flagged':
      stepOf(state, e.payload.stepId).flags.push({ category: e.payload.category, note: e.payload.note, at: e.at });
      return;
    case 'reading_recorded':
      stepOf(state, e.payload.stepId).reading = { value: e.payload.value, unit: e.payload.unit };
      return;
    case 'decision_answered':
      stepOf(state, e.payload.stepId).answer = e.payload.answer;
      return;
    case 'text_recorded':
      stepOf(state, e.payload.stepId).text = e.payload.text;
      return;
    case 'photo_attached':
      stepOf(state, e.payload.stepId).photoIds.push(e.payload.photoId);
      return;
    case 'run_paused':
      state.paused = true;
      return;
    case 'run_resumed':
      state.paused = false;
      return;
    case 'clock_jump':
      return;
    case 'run_completed':
    case 'run_aborted':
      state.status = e.type === 'run_completed' ? 'completed' : 'aborted';
      if (e.type === 'run_aborted') state.abortReason = e.payload.reason;
      else state.confirmedCriteria = e.payload.confirmedCriteria;
      state.endedAt = e.at;
      state.currentStepId = null;
      state.paused = false;
      return;
  }
}

/** The state of a run after all of its events, whatever order they arrived in. */
export function foldRun(events: readonly RunEvent[]): RunState {
  const state = emptyState();
  for (const e of orderEvents(events)) apply(state, e);
  return state;
}

/**
 * Continues a fold with events that all come after it (seq > state.lastSeq), as a device
 * does when it appends a tap: the same result as folding everything again, without
 * reading the whole run back. `state` is not modified (see foldOnto for the in-place
 * form). Throws when an event would have to be inserted earlier in the order, since only
 * a full fold can place it.
 */
export function continueFold(state: RunState, newer: readonly RunEvent[]): RunState {
  return foldOnto(copyRunState(state), newer);
}

/**
 * A copy that `apply` can update without touching `state`: it only assigns fields and
 * pushes onto `path`, `flags` and `photoIds`, so those arrays and each step are copied and
 * the rest is shared. Several times cheaper than structuredClone on a 200-step run, which
 * a device pays on every tap.
 */
function copyRunState(state: RunState): RunState {
  const steps: Record<string, StepState> = {};
  for (const [id, step] of Object.entries(state.steps)) {
    steps[id] = { ...step, flags: [...step.flags], photoIds: [...step.photoIds] };
  }
  return { ...state, path: [...state.path], steps, confirmedCriteria: [...state.confirmedCriteria] };
}

/** continueFold on a state the caller owns (e.g. just read from storage): updated in place. */
export function foldOnto(state: RunState, newer: readonly RunEvent[]): RunState {
  for (const e of orderEvents(newer)) {
    if (e.seq <= state.lastSeq) throw new RangeError(`event seq ${e.seq} is not after ${state.lastSeq}`);
    apply(state, e);
  }
  return state;
}

/** True when a reading lies outside the step's accepted range (bounds are inclusive). */
export function readingOutOfRange(step: Step, value: number): boolean {
  if (step.kind !== 'reading') return false;
  return (step.min !== undefined && value < step.min) || (step.max !== undefined && value > step.max);
}

/** design.md: a flagged step has a `step flagged` event or a reading outside its range. */
export function isStepFlagged(state: StepState, step: Step | undefined): boolean {
  if (state.flags.length > 0) return true;
  return step !== undefined && state.reading !== undefined && readingOutOfRange(step, state.reading.value);
}

/** Ids of the flagged steps of a run, judged against the version the run was pinned to. */
export function flaggedStepIds(state: RunState, content: SopVersionContent | undefined): string[] {
  const defs = new Map(content?.steps.map((s) => [s.id, s]));
  return Object.values(state.steps)
    .filter((s) => isStepFlagged(s, defs.get(s.stepId)))
    .map((s) => s.stepId);
}
