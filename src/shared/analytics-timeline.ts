/**
 * One run laid out on a time axis, for the owner who opens an outlier: when each step
 * was current, the pauses, and what happened along the way (flags, readings, answers,
 * texts, photos, skips). Times are offsets in ms from the run's start on the same
 * clock-jump-corrected timeline runDurations uses (t = at − jumps recorded so far, in
 * seq order), and segments follow the same rules (a step is current from its
 * step_started to its completion, a skip, the next step_started or the run's end), so
 * the segments of a step add up to its step duration.
 */
import type { RunEvent } from './events.ts';
import { orderEvents, readingOutOfRange } from './fold.ts';
import type { Step } from './sop.ts';

export interface TimelineSegment {
  stepId: string;
  start: number;
  end: number;
}

export type MarkKind = 'flag' | 'reading' | 'text' | 'photo' | 'decision' | 'skip';

export interface TimelineMarkFact {
  at: number;
  kind: MarkKind;
  stepId: string;
  /** The note, value with unit, answer, text, or skip reason (never the photo itself). */
  detail: string;
  outOfRange: boolean;
}

export interface RunTimeline {
  segments: TimelineSegment[];
  pauses: { start: number; end: number }[];
  marks: TimelineMarkFact[];
}

function markOf(e: RunEvent, at: number, steps: ReadonlyMap<string, Step>): TimelineMarkFact | null {
  const mark = (kind: MarkKind, stepId: string, detail: string, outOfRange = false) => ({
    at,
    kind,
    stepId,
    detail,
    outOfRange,
  });
  switch (e.type) {
    case 'step_flagged':
      return mark('flag', e.payload.stepId, `${e.payload.category}: ${e.payload.note}`);
    case 'reading_recorded': {
      const step = steps.get(e.payload.stepId);
      const out = step ? readingOutOfRange(step, e.payload.value) : false;
      return mark('reading', e.payload.stepId, `${e.payload.value} ${e.payload.unit}`.trim(), out);
    }
    case 'text_recorded':
      return mark('text', e.payload.stepId, e.payload.text);
    case 'photo_attached':
      return mark('photo', e.payload.stepId, e.payload.photoId);
    case 'decision_answered':
      return mark('decision', e.payload.stepId, e.payload.answer);
    case 'step_skipped':
      return mark('skip', e.payload.stepId, e.payload.reason);
    default:
      return null;
  }
}

/** The timeline of a run's events; `steps` are the definitions of its version. */
export function runTimeline(events: readonly RunEvent[], steps: readonly Step[] = []): RunTimeline {
  const defs = new Map(steps.map((s) => [s.id, s]));
  const ordered = orderEvents(events);
  const timeline: RunTimeline = { segments: [], pauses: [], marks: [] };
  let jumps = 0;
  let origin: number | null = null;
  let ended = false;
  let current: { stepId: string; start: number } | null = null;
  let pauseStart: number | null = null;
  let last = 0;
  const close = (end: number) => {
    if (current) timeline.segments.push({ ...current, end: Math.max(current.start, end) });
    current = null;
  };
  for (const e of ordered) {
    if (ended) break;
    if (e.type === 'clock_jump') jumps += e.payload.deltaMs;
    if (e.type === 'run_started') origin ??= e.at - jumps;
    const t = e.at - jumps - (origin ?? e.at - jumps);
    last = t;
    if (e.type === 'step_started') {
      close(t);
      current = { stepId: e.payload.stepId, start: t };
    } else if ((e.type === 'step_completed' || e.type === 'step_skipped') && current?.stepId === e.payload.stepId) {
      close(t);
    } else if (e.type === 'run_paused') pauseStart ??= t;
    else if (e.type === 'run_resumed' && pauseStart !== null) {
      timeline.pauses.push({ start: pauseStart, end: t });
      pauseStart = null;
    } else if (e.type === 'run_completed' || e.type === 'run_aborted') ended = true;
    const mark = markOf(e, t, defs);
    if (mark) timeline.marks.push(mark);
  }
  close(last);
  if (pauseStart !== null) timeline.pauses.push({ start: pauseStart, end: last });
  return timeline;
}
