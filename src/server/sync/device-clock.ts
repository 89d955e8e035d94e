/**
 * Device clocks: measured on every push, judged, and never a reason to refuse data.
 *
 * Skew. A push carries `sentAt`, the device's wall clock when it sent the batch; the
 * server's receive time minus `sentAt` is the device's skew (network latency included,
 * negligible against the 2-minute threshold). Each new event stores
 * `estimated_at = at + skew`: the time it happened on the server's clock, assuming the
 * device clock was as far off when the event was recorded as when it was sent. Durations
 * keep using device times (design.md): a consistent offset cancels out of a difference.
 *
 * Verdict, from the latest push (so that a fixed clock clears the banner), first match:
 * - `clock_offset`: |skew| > 2 minutes;
 * - `before_registration`: an event earlier than the device's registration, which is the
 *   earlier of its first push (`first_seen`) and the creation time in its UUIDv7 id —
 *   a device records offline before its first push, so `first_seen` alone would flag every
 *   new device; the id is created when the app is first opened;
 * - `before_publication`: an event earlier than the publication of the SOP version its
 *   run is pinned to (a device cannot run a version before pulling it).
 * Times are compared with the same 2-minute tolerance. The verdict and the skew go to the
 * devices row and, with the batch, to push_batches (the history): pushRecord.
 */
import { sql } from 'drizzle-orm';
import type { RunEvent } from '../../shared/events.ts';
import type { ClockReason, ClockWarning } from '../../shared/sync.ts';
import { EPOCH_SUBQUERY } from '../db/server-meta.ts';
import type { AlongWithStore } from './store-events.ts';

export const MAX_CLOCK_SKEW_MS = 2 * 60_000;

/** What the server knows about the push's timing. */
export interface PushClock {
  /** The device's wall clock at sending (epoch ms). */
  sentAt: number;
  /** The server's clock when the request arrived (epoch ms). */
  receivedAt: number;
  /** receivedAt − sentAt. */
  skewMs: number;
}

const clampSafe = (n: number) => Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, n));

export const measureClock = (sentAt: number, receivedAt: number): PushClock => ({
  sentAt,
  receivedAt,
  // Clamped: a wildly wrong `sentAt` must still give a valid integer on the wire.
  skewMs: clampSafe(receivedAt - sentAt),
});

/** The creation time of a UUIDv7 (its first 48 bits), or null for another version. */
export function uuidv7Time(id: string): number | null {
  const hex = id.replaceAll('-', '');
  if (hex.length !== 32 || hex[12] !== '7') return null;
  return Number.parseInt(hex.slice(0, 12), 16);
}

export interface ClockFacts {
  skewMs: number;
  /** When the device came to exist (epoch ms). */
  registeredAt: number;
  /** The events of the push that passed every check. */
  events: readonly RunEvent[];
  /** Publication time (epoch ms) of the SOP version of each run, by run id. */
  publishedAtByRun: ReadonlyMap<string, number>;
}

/** The first reason to doubt the device's clock, or null. Pure. */
export function clockVerdict(facts: ClockFacts): ClockReason | null {
  if (Math.abs(facts.skewMs) > MAX_CLOCK_SKEW_MS) return 'clock_offset';
  const tooEarly = (at: number, limit: number) => at < limit - MAX_CLOCK_SKEW_MS;
  if (facts.events.some((e) => tooEarly(e.at, facts.registeredAt))) return 'before_registration';
  const beforePublication = facts.events.some((e) => {
    const publishedAt = facts.publishedAtByRun.get(e.runId);
    return publishedAt !== undefined && tooEarly(e.at, publishedAt);
  });
  return beforePublication ? 'before_publication' : null;
}

export interface JudgedBatch {
  deviceId: string;
  firstSeen: Date;
  clock: PushClock;
  /**
   * The push's events that passed every check: stored now, or before when the batch is
   * sent again, so that a batch sent again is judged as its first attempt was.
   */
  events: readonly RunEvent[];
  /** Publication time (epoch ms) of the SOP version of each derived run, by run id. */
  publishedAtByRun: ReadonlyMap<string, number>;
}

/** Judges the device's clock on this push (pushRecord stores the verdict). */
export function judgeDeviceClock(batch: JudgedBatch): ClockReason | null {
  const idTime = uuidv7Time(batch.deviceId);
  return clockVerdict({
    skewMs: batch.clock.skewMs,
    registeredAt: Math.min(batch.firstSeen.getTime(), idTime ?? Number.POSITIVE_INFINITY),
    events: batch.events,
    publishedAtByRun: batch.publishedAtByRun,
  });
}

/** The warning the device gets with the answer, if its clock is doubted. */
export const clockWarning = (reason: ClockReason | null, clock: PushClock): ClockWarning | undefined =>
  reason === null ? undefined : { reason, skewMs: clock.skewMs };

export interface PushRecord {
  orgId: string;
  deviceId: string;
  batchId: string;
  clock: PushClock;
  reason: ClockReason | null;
  /** Events in the request. */
  sent: number;
  /** The device's contiguous sequence mark after this push (device-progress.ts). */
  contiguousSeq: number;
}

/**
 * Records the push; it rides on the statement that stores the batch's events
 * (store-events.ts), which gives it the SQL count of the events newly stored. The devices
 * row gets the clock verdict, the skew and the new contiguous mark (the push locked the
 * row in its first statement: push-context.ts); the push goes to push_batches. A batch
 * sent again (its answer was lost) keeps one row there: the latest attempt's timing, and
 * the events stored by all attempts. The statement also selects the server's epoch for
 * the answer (epochOf reads it).
 */
export const pushRecord = (push: PushRecord): AlongWithStore => {
  const { orgId, deviceId, clock, reason } = push;
  return {
    ctes: (stored) => sql`device_record as (
      update devices set clock_suspect = ${reason !== null}, clock_reason = ${reason}, clock_skew_ms = ${clock.skewMs},
        contiguous_seq = greatest(contiguous_seq, ${push.contiguousSeq})
      where org_id = ${orgId} and device_id = ${deviceId}
    ), batch_record as (
      insert into push_batches (org_id, device_id, batch_id, sent_at, received_at, skew_ms, events, accepted, clock_reason)
      values (${orgId}, ${deviceId}, ${push.batchId}, ${clock.sentAt}, ${new Date(clock.receivedAt).toISOString()},
        ${clock.skewMs}, ${push.sent}, ${stored}, ${reason})
      on conflict (org_id, device_id, batch_id) do update set sent_at = excluded.sent_at,
        received_at = excluded.received_at, skew_ms = excluded.skew_ms, events = excluded.events,
        clock_reason = excluded.clock_reason, accepted = push_batches.accepted + excluded.accepted
    )`,
    value: EPOCH_SUBQUERY,
  };
};
