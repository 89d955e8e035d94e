/**
 * Clock-jump watch: notices the device's wall clock being changed while a run is going,
 * and records it so run and step durations (design.md: device-time differences minus
 * clock jumps) stay right.
 *
 * Two clocks: the wall clock (`Date.now()`, which the user, the network time service or
 * a dead battery can move) and the monotonic clock (`performance.now()`, which never
 * moves backwards and is never set). Between two samples both should advance by the
 * same amount; if the wall clock advanced by more than 2 s more (or less) than the
 * monotonic one, the wall clock was set, and the difference is the jump.
 *
 * The catch is sleep. Some mobile browsers stop `performance.now()` while the phone is
 * asleep or the page is in the background, while the wall clock keeps running — and a
 * technician who pockets a locked phone during a step is still working, so that time
 * must count. Across a hidden period, "wall advanced more than monotonic" is therefore
 * ambiguous (sleep, or the clock set forward) and is NOT recorded; "wall advanced LESS
 * than monotonic" can only be the clock set backwards (sleep never makes the wall clock
 * slower) and IS recorded. Within one visible, awake period both directions are
 * recorded. Concretely: a heartbeat every 15 s while visible compares against the
 * previous sample; on `hidden` one last comparison closes the awake period; on
 * `visible` the comparison with the last sample before hiding keeps only a backward
 * jump, then a new period starts. A forward set made while hidden is left to the
 * server's skew estimate from the push's `sentAt`.
 *
 * Each jump becomes one `clock_jump` event (payload `deltaMs`, + = set forward) on
 * every run in progress on this device, through recordEvents like any tap.
 */
import { recordEvents } from '../db/record.ts';
import { listRunsInProgress } from '../db/runs.ts';

export const HEARTBEAT_MS = 15_000;
export const JUMP_THRESHOLD_MS = 2_000;

export interface ClockSample {
  wall: number;
  mono: number;
}

export interface ClockWatchOptions {
  /** Records a jump of `deltaMs` on every run in progress. */
  record: (deltaMs: number) => Promise<void>;
  wall?: () => number;
  mono?: () => number;
  /** Whether the page is visible now. */
  visible?: () => boolean;
  /** Where to listen for `visibilitychange` (the document in the app). */
  events?: Pick<Document, 'addEventListener' | 'removeEventListener'>;
}

/** How far the wall clock moved beyond the monotonic one between two samples. */
export function wallDrift(from: ClockSample, to: ClockSample): number {
  return to.wall - from.wall - (to.mono - from.mono);
}

/** The jump to record, or null. `acrossSleep`: keep only backward jumps (see header). */
export function jumpBetween(from: ClockSample, to: ClockSample, acrossSleep: boolean): number | null {
  const drift = Math.round(wallDrift(from, to));
  if (Math.abs(drift) <= JUMP_THRESHOLD_MS) return null;
  if (acrossSleep && drift > 0) return null;
  return drift;
}

/** Starts watching; returns a function that stops. */
export function watchClock(options: ClockWatchOptions): () => void {
  const wall = options.wall ?? (() => Date.now());
  const mono = options.mono ?? (() => performance.now());
  const visible = options.visible ?? (() => document.visibilityState === 'visible');
  const events = options.events ?? document;
  const sample = (): ClockSample => ({ wall: wall(), mono: mono() });
  let last: ClockSample = sample();
  let hidden = !visible();
  let timer: ReturnType<typeof setInterval> | undefined;

  const compare = (acrossSleep: boolean) => {
    const now = sample();
    const jump = jumpBetween(last, now, acrossSleep);
    last = now;
    if (jump !== null) void options.record(jump).catch(() => undefined);
  };
  const startHeartbeat = () => {
    clearInterval(timer);
    timer = setInterval(() => compare(false), HEARTBEAT_MS);
  };
  const onVisibility = () => {
    if (visible()) {
      if (hidden) compare(true);
      hidden = false;
      startHeartbeat();
    } else if (!hidden) {
      compare(false);
      hidden = true;
      clearInterval(timer);
    }
  };
  events.addEventListener('visibilitychange', onVisibility);
  if (visible()) startHeartbeat();
  return () => {
    clearInterval(timer);
    events.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Records a jump on every run in progress on this device (each in its own write). */
export async function recordClockJump(deltaMs: number): Promise<void> {
  for (const run of await listRunsInProgress()) {
    await recordEvents(run.id, [{ type: 'clock_jump', payload: { deltaMs } }]);
  }
}
