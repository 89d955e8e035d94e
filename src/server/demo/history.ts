/**
 * Six months of generated work at the demo workshop, as real run events (the same ones a
 * phone records), so that the dashboards tell the story of history-cast.ts.
 *
 * The plan: every working day (Monday–Friday, UTC) each person does each of their SOPs
 * with their daily chance, starting between 08:00 and 16:00. A run walks its version's
 * steps like a technician would (sequential order and decision branches, or every item of
 * a free-order checklist); each step lasts its expectedSeconds × the person's pace × the
 * plot's factor × log-normal jitter. A new hire starts slower (firstRunPace) and closes
 * the gap with a half-life of `learningRuns` runs, and flags more often at first; their
 * first three runs of a SOP are in guided (training) mode. Everything is drawn from one
 * seeded generator, so the history is the same on every first start.
 */
import { weekStart } from '../../shared/analytics.ts';
import type { RunEvent } from '../../shared/events.ts';
import type { SopVersionContent, Step } from '../../shared/sop.ts';
import {
  ABORT_RATE,
  BASE_ERROR_RATE,
  CAST,
  type CastMember,
  DIAGNOSIS_V2_WEEKS_AGO,
  deviceIdOf,
  HISTORY_WEEKS,
  PLOT,
  personId,
} from './history-cast.ts';
import type { Random } from './history-random.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const TRAINING_RUNS = 3;
const FLAG_NOTES = ['Défaut constaté, noté sur l’OR', 'Pièce manquante au magasin', 'Outil indisponible'];
const TEXTS = ['AB-123-CD', 'P0301', 'Carte bancaire', 'FA-2025-0412', 'M. Petit'];

export interface PlannedRun {
  member: CastMember;
  sopKey: string;
  version: number;
  startAt: number;
  /** 1 for the person's first run of this SOP. */
  nth: number;
}

/** Midnight UTC of the day holding `epochMs`. */
const dayOf = (epochMs: number) => Math.floor(epochMs / DAY_MS) * DAY_MS;

/**
 * Every run of the history, oldest first. Weeks count back from the Monday of `now`'s
 * week, so the draws are the same whatever the date: only this week's last runs differ.
 */
export function planHistory(now: number, random: Random): PlannedRun[] {
  const anchor = weekStart(now);
  const first = anchor - HISTORY_WEEKS * WEEK_MS;
  const v2From = anchor - DIAGNOSIS_V2_WEEKS_AGO * WEEK_MS;
  const counts = new Map<string, number>();
  const runs: PlannedRun[] = [];
  for (let day = first; day < dayOf(now); day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const member of CAST) {
      if (day < anchor - member.startedWeeksAgo * WEEK_MS) continue;
      for (const [sopKey, p] of Object.entries(member.daily)) {
        if (!random.chance(p)) continue;
        const startAt = day + 8 * 3_600_000 + Math.floor(random.next() * 8 * 3_600_000);
        const key = `${member.key}/${sopKey}`;
        const nth = (counts.get(key) ?? 0) + 1;
        counts.set(key, nth);
        const version = sopKey === 'diagnosis' && startAt >= v2From ? 2 : 1;
        runs.push({ member, sopKey, version, startAt, nth });
      }
    }
  }
  return runs.sort((a, b) => a.startAt - b.startAt);
}

/** The multiplier of a person's step times at their n-th run of a SOP. */
const learning = (m: CastMember, nth: number) =>
  m.pace * (1 + (m.firstRunPace - 1) * 0.5 ** ((nth - 1) / m.learningRuns));

/** The events of one step after its step_started: its answer, maybe a flag, and how long it took. */
function stepBody(step: Step, flagged: boolean, random: Random): { payloads: Emit[]; answer: 'yes' | 'no' } {
  const answer: 'yes' | 'no' = random.chance(step.id === 'fault-reproducible' ? 0.7 : 0.8) ? 'yes' : 'no';
  const out: Emit[] = [];
  if (step.kind === 'decision') out.push(['decision_answered', { stepId: step.id, answer }]);
  if (step.kind === 'text') out.push(['text_recorded', { stepId: step.id, text: random.pick(TEXTS) }]);
  if (step.kind === 'reading') {
    const value = readingValue(step.min, step.max, flagged, random);
    out.push(['reading_recorded', { stepId: step.id, value, unit: step.unit }]);
    // A value out of range flags the step by itself; a flag note is needed only when the
    // range has no side to fall out of.
    const inRange = value >= (step.min ?? -Infinity) && value <= (step.max ?? Infinity);
    if (!inRange) return { payloads: out, answer };
  }
  if (flagged) {
    const category = random.pick(['defect', 'defect', 'missing_part', 'tool'] as const);
    out.push(['step_flagged', { stepId: step.id, category, note: random.pick(FLAG_NOTES) }]);
  }
  return { payloads: out, answer };
}

function readingValue(min: number | undefined, max: number | undefined, outside: boolean, random: Random): number {
  const low = min ?? (max ?? 1) * 0.8;
  const high = max ?? low * 1.3 + 1;
  if (outside && min !== undefined && min > 0) return Math.round(min * (0.85 + random.next() * 0.1) * 10) / 10;
  if (outside && max !== undefined) return Math.round(max * (1.05 + random.next() * 0.1) * 10) / 10;
  return Math.round((low + (high - low) * random.next()) * 10) / 10;
}

type Emit = [RunEvent['type'], Record<string, unknown>];

/** The next step after `step` on a sequential path, given the decision's answer. */
function nextStep(content: SopVersionContent, step: Step, answer: 'yes' | 'no'): Step | undefined {
  if (step.kind === 'decision') {
    const target = step[answer];
    if (target === null) return undefined;
    if (target !== undefined) return content.steps.find((s) => s.id === target);
  }
  const index = content.steps.indexOf(step);
  return content.steps[index + 1];
}

export interface RunStream {
  deviceId: string;
  events: RunEvent[];
}

/** The events of one planned run; `deviceSeq` is the device's next sequence number. */
/** Appends events of one run with consecutive sequence numbers at a moving device time. */
class EventWriter {
  readonly events: RunEvent[] = [];
  at: number;
  private seq = 0;
  constructor(
    private readonly runId: string,
    private readonly firstDeviceSeq: number,
    start: number,
    private readonly random: Random,
  ) {
    this.at = start;
  }

  emit([type, payload]: Emit): void {
    const { runId, seq, at } = this;
    const event = {
      id: this.random.uuidv7(at),
      runId,
      seq,
      deviceSeq: this.firstDeviceSeq + seq,
      v: 1,
      at,
      mono: seq * 1000,
    };
    this.events.push({ ...event, pageLoadId: `p${runId.slice(-8)}`, type, payload } as RunEvent);
    this.seq += 1;
  }
}

/** How this run goes: the person's pace today, their error proneness, whether it is abandoned or paused. */
function runMood(run: PlannedRun, stepCount: number, random: Random) {
  const { member, nth } = run;
  const newHire = member.role === 'new_hire';
  return {
    pace: learning(member, nth) * random.logNormal(0.15),
    clumsy: 1 + (newHire ? 3 * 0.5 ** ((nth - 1) / member.learningRuns) : 0),
    abortAt: random.chance(ABORT_RATE) ? Math.floor(random.next() * stepCount) : -1,
    pauseAt: random.chance(0.1) ? Math.floor(random.next() * stepCount) : -1,
  };
}

/** The events of one planned run; `deviceSeq` is the device's next sequence number. */
export function runStream(
  run: PlannedRun,
  content: SopVersionContent,
  sopId: string,
  random: Random,
  deviceSeq: number,
): RunStream {
  const { member } = run;
  const deviceId = deviceIdOf(member.key);
  const out = new EventWriter(random.uuidv7(run.startAt), deviceSeq, run.startAt, random);
  const training = member.role === 'new_hire' && run.nth <= TRAINING_RUNS;
  out.emit(['run_started', { sopId, sopVersion: run.version, userId: personId(member.key), deviceId, training }]);
  const mood = runMood(run, content.steps.length, random);
  const plot = PLOT[run.sopKey] ?? {};
  let step: Step | undefined = content.steps[0];
  for (let i = 0; step; i++) {
    if (i === mood.abortAt) {
      out.emit(['run_aborted', { reason: 'Client reparti avec son véhicule' }]);
      return { deviceId, events: out.events };
    }
    const story = plot[step.id] ?? {};
    out.emit(['step_started', { stepId: step.id }]);
    const hard = random.chance(story.hardCaseRate ?? 0) ? (story.hardCaseFactor ?? 1) : 1;
    const ms =
      (step.expectedSeconds ?? 60) * 1000 * mood.pace * (story.timeFactor ?? 1) * hard * random.logNormal(0.25);
    const flagged = random.chance(Math.min(0.9, (story.errorRate ?? BASE_ERROR_RATE) * mood.clumsy));
    const body = stepBody(step, flagged, random);
    out.at += Math.round(ms / 2);
    if (i === mood.pauseAt) {
      out.emit(['run_paused', {}]);
      out.at += Math.round((5 + random.next() * 15) * 60_000);
      out.emit(['run_resumed', {}]);
    }
    for (const payload of body.payloads) out.emit(payload);
    out.at += Math.round(ms / 2);
    out.emit(['step_completed', { stepId: step.id }]);
    step = content.mode === 'free_order' ? content.steps[i + 1] : nextStep(content, step, body.answer);
  }
  out.emit(['run_completed', { confirmedCriteria: content.acceptanceCriteria.map((_, i) => i) }]);
  return { deviceId, events: out.events };
}
