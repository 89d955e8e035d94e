/**
 * Run events: the append-only record of one execution of a SOP version.
 *
 * Every tap becomes one immutable event, created on the device with its own id (UUIDv7),
 * a per-run sequence number `seq` (the only order the fold trusts), a per-device sequence
 * `deviceSeq` (gap-free, used by sync), the device wall clock `at` (epoch ms), the
 * monotonic clock `mono` (performance.now() of page load `pageLoadId`) and a typed payload.
 * A run's state is a pure fold of these events (see fold.ts); nothing is edited in place.
 */
import * as z from 'zod/mini';
import { EpochMs, Id, StepId, Uuid } from './sop.ts';

export const EVENT_SCHEMA_VERSION = 1;

export const FLAG_CATEGORIES = ['defect', 'missing_part', 'safety', 'tool', 'other'] as const;
export const FlagCategory = z.enum(FLAG_CATEGORIES);
export type FlagCategory = z.infer<typeof FlagCategory>;

const note = (max: number) => z.string().check(z.maxLength(max));
const stepRef = { stepId: StepId };

const envelope = {
  id: Uuid,
  runId: Uuid,
  seq: z.int().check(z.gte(0)),
  deviceSeq: z.int().check(z.gte(1)),
  v: z.literal(EVENT_SCHEMA_VERSION),
  at: EpochMs,
  mono: z.number().check(z.gte(0)),
  pageLoadId: Id,
};

const event = <T extends string, P extends z.core.$ZodLooseShape>(type: T, payload: P) =>
  z.object({ ...envelope, type: z.literal(type), payload: z.object(payload) });

export const RunStarted = event('run_started', {
  sopId: Uuid,
  sopVersion: z.int().check(z.gte(1)),
  userId: Uuid,
  deviceId: Uuid,
  training: z.boolean(),
});
export const StepStarted = event('step_started', stepRef);
export const StepCompleted = event('step_completed', stepRef);
export const StepSkipped = event('step_skipped', { ...stepRef, reason: note(500) });
export const StepFlagged = event('step_flagged', { ...stepRef, category: FlagCategory, note: note(2000) });
export const ReadingRecorded = event('reading_recorded', { ...stepRef, value: z.number(), unit: note(20) });
export const DecisionAnswered = event('decision_answered', { ...stepRef, answer: z.enum(['yes', 'no']) });
export const TextRecorded = event('text_recorded', { ...stepRef, text: note(500) });
export const PhotoAttached = event('photo_attached', {
  ...stepRef,
  photoId: Uuid,
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  bytes: z.int().check(z.gte(1)),
});
export const RunPaused = event('run_paused', {});
export const RunResumed = event('run_resumed', {});
/** The wall clock moved by `deltaMs` more than the monotonic clock did (+ = set forward). */
export const ClockJump = event('clock_jump', { deltaMs: z.int() });
export const RunCompleted = event('run_completed', {
  confirmedCriteria: z.array(z.int().check(z.gte(0))).check(z.maxLength(50)),
});
export const RunAborted = event('run_aborted', { reason: note(500) });

export const RunEvent = z.discriminatedUnion('type', [
  RunStarted,
  StepStarted,
  StepCompleted,
  StepSkipped,
  StepFlagged,
  ReadingRecorded,
  DecisionAnswered,
  TextRecorded,
  PhotoAttached,
  RunPaused,
  RunResumed,
  ClockJump,
  RunCompleted,
  RunAborted,
]);
export type RunEvent = z.infer<typeof RunEvent>;
export type RunEventType = RunEvent['type'];
export type EventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;
export type EventEnvelope = Omit<RunEvent, 'type' | 'payload'>;

export const RUN_EVENT_TYPES = RunEvent.def.options.map((o) => o.shape.type.def.values[0]) as RunEventType[];
