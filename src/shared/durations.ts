/**
 * Run and step durations, exactly as design.md defines them.
 *
 * Durations are differences of device wall-clock times (`at`), not of monotonic times:
 * browsers stop performance.now() while a phone sleeps, and a technician who pockets a
 * locked phone is still working. Wall-clock changes are corrected with `clock_jump`
 * events: each one says the wall clock moved `deltaMs` more than real time did. We map
 * every event onto a corrected timeline, t = at − (sum of deltaMs of the jumps recorded
 * at or before it, in seq order), so "the difference minus any jumps recorded in between"
 * is a plain difference of corrected times. Each interval is clamped at zero, so no
 * duration is ever negative, even on inconsistent data.
 *
 * - run duration: run_started → run_completed (or run_aborted, or `now` while running);
 * - active duration: run duration minus explicit pauses (run_paused … run_resumed);
 * - step duration: the sum of the step's intervals (started → completed/skipped, or
 *   until another step starts, or the run ends); active step duration subtracts the
 *   part of each interval that overlaps a pause. Whole milliseconds throughout.
 */
import type { RunEvent } from './events.ts';
import { orderEvents } from './fold.ts';

export interface Interval {
  start: number;
  end: number;
}

export interface StepDuration {
  stepId: string;
  totalMs: number;
  activeMs: number;
}

export interface RunDurations {
  /** Null until the run has started. */
  totalMs: number | null;
  activeMs: number | null;
  steps: Record<string, StepDuration>;
}

const length = (i: Interval) => Math.max(0, Math.round(i.end - i.start));
const overlap = (a: Interval, b: Interval) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** Corrected time of each event (by id), on the timeline where clock jumps are undone. */
function correctedTimes(ordered: readonly RunEvent[]): Map<string, number> {
  const times = new Map<string, number>();
  let jumps = 0;
  for (const e of ordered) {
    if (e.type === 'clock_jump') jumps += e.payload.deltaMs;
    times.set(e.id, e.at - jumps);
  }
  return times;
}

/**
 * Durations of a run. `now` (device epoch ms) closes intervals still open, so a running
 * clock can be shown; without it, open intervals end at the run's last event.
 */
export function runDurations(events: readonly RunEvent[], now?: number): RunDurations {
  const ordered = orderEvents(events);
  const t = correctedTimes(ordered);
  const time = (e: RunEvent) => t.get(e.id) ?? e.at;
  const jumpsTotal = ordered.reduce((sum, e) => sum + (e.type === 'clock_jump' ? e.payload.deltaMs : 0), 0);
  const last = ordered[ordered.length - 1];
  const openEnd = now !== undefined ? now - jumpsTotal : last ? time(last) : 0;

  let runStart: number | null = null;
  let runEnd: number | null = null;
  let pauseStart: number | null = null;
  let current: { stepId: string; start: number } | null = null;
  const pauses: Interval[] = [];
  const stepIntervals = new Map<string, Interval[]>();

  const closeStep = (end: number) => {
    if (!current) return;
    const list = stepIntervals.get(current.stepId) ?? [];
    list.push({ start: current.start, end });
    stepIntervals.set(current.stepId, list);
    current = null;
  };

  for (const e of ordered) {
    const at = time(e);
    if (runEnd !== null) break;
    switch (e.type) {
      case 'run_started':
        runStart ??= at;
        break;
      case 'step_started':
        closeStep(at);
        current = { stepId: e.payload.stepId, start: at };
        break;
      case 'step_completed':
      case 'step_skipped':
        if (current?.stepId === e.payload.stepId) closeStep(at);
        break;
      case 'run_paused':
        pauseStart ??= at;
        break;
      case 'run_resumed':
        if (pauseStart !== null) pauses.push({ start: pauseStart, end: at });
        pauseStart = null;
        break;
      case 'run_completed':
      case 'run_aborted':
        runEnd = at;
        break;
      default:
        break;
    }
  }
  const end = runEnd ?? openEnd;
  closeStep(end);
  if (pauseStart !== null) pauses.push({ start: pauseStart, end });

  const steps: Record<string, StepDuration> = {};
  for (const [stepId, intervals] of stepIntervals) {
    let totalMs = 0;
    let activeMs = 0;
    for (const interval of intervals) {
      const len = length(interval);
      const paused = pauses.reduce((sum, p) => sum + overlap(interval, p), 0);
      totalMs += len;
      activeMs += Math.max(0, Math.round(len - paused));
    }
    steps[stepId] = { stepId, totalMs, activeMs };
  }

  if (runStart === null) return { totalMs: null, activeMs: null, steps };
  const run = { start: runStart, end };
  const totalMs = length(run);
  const pausedMs = pauses.reduce((sum, p) => sum + overlap(run, p), 0);
  return { totalMs, activeMs: Math.max(0, Math.round(totalMs - pausedMs)), steps };
}
