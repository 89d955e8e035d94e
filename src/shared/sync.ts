/**
 * Sync wire format, protocol version 1. Client and server validate with these same
 * schemas. Push sends events in ascending device sequence; the server answers with a
 * status per event (accepted | duplicate | rejected + code), never failing a whole batch
 * for one bad event. Pull pages published SOP versions after an opaque server cursor.
 * Events inside a push are validated one by one on the server (so one bad event cannot
 * block the others), which is why the request carries them as unknown values.
 */
import * as z from 'zod/mini';
import { Sop, SopVersion, Uuid } from './sop.ts';

export const PROTOCOL_VERSION = 1;
export const MIN_PROTOCOL_VERSION = 1;
/**
 * A push carries at most this many events and bytes. Each push pays fixed costs (a round
 * trip on a mobile network, the session lookup, a transaction and its commit), so larger
 * batches drain a week offline in fewer of them; the byte bound keeps one request small
 * enough for a weak network.
 */
export const MAX_PUSH_EVENTS = 1000;
export const MAX_PUSH_BYTES = 512 * 1024;

export const PushRequest = z.object({
  protocol: z.int().check(z.gte(1)),
  appVersion: z.string().check(z.maxLength(40)),
  deviceId: Uuid,
  batchId: Uuid,
  sentAt: z.int(),
  events: z.array(z.unknown()).check(z.maxLength(MAX_PUSH_EVENTS)),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const REJECT_CODES = [
  'invalid_event',
  'id_reuse',
  'wrong_device',
  'unknown_sop_version',
  'forbidden',
  /** The event's `v` is newer than this server knows, or too old to be upgraded. */
  'unsupported_event_version',
] as const;
export const RejectCode = z.enum(REJECT_CODES);
export type RejectCode = z.infer<typeof RejectCode>;

export const EventResult = z.union([
  z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']) }),
  z.object({ id: z.string(), status: z.literal('rejected'), code: RejectCode, message: z.string() }),
]);
export type EventResult = z.infer<typeof EventResult>;

/**
 * Why the server doubts a device's clock (its events are accepted all the same):
 * `clock_offset` — more than 2 minutes off at sending; `before_registration` — event times
 * before the device existed; `before_publication` — before the SOP version was published.
 */
export const CLOCK_REASONS = ['clock_offset', 'before_registration', 'before_publication'] as const;
export const ClockReason = z.enum(CLOCK_REASONS);
export type ClockReason = z.infer<typeof ClockReason>;

/** Sent with a push answer when the device's clock looks wrong: show the user a banner. */
export const ClockWarning = z.object({
  reason: ClockReason,
  /** Server receive time − device send time: how far behind (+) or ahead (−) the device is. */
  skewMs: z.int(),
});
export type ClockWarning = z.infer<typeof ClockWarning>;

export const PushResponse = z.object({
  protocol: z.int(),
  batchId: Uuid,
  results: z.array(EventResult),
  /** Highest device sequence n such that the server holds every event 1..n of the device. */
  highestContiguousDeviceSeq: z.int(),
  /** Device sequences missing below the highest one received, as [from, to] ranges. */
  gaps: z.array(z.tuple([z.int(), z.int()])),
  serverTime: z.int(),
  epoch: z.string(),
  clockWarning: z.optional(ClockWarning),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PulledSopVersion = z.object({ sop: Sop, version: SopVersion });
export type PulledSopVersion = z.infer<typeof PulledSopVersion>;

export const PullResponse = z.object({
  protocol: z.int(),
  items: z.array(PulledSopVersion),
  cursor: z.string(),
  hasMore: z.boolean(),
  epoch: z.string(),
  orgId: Uuid,
});
export type PullResponse = z.infer<typeof PullResponse>;

/** The answer to `PUT /api/photos/:id`: 201 stored (new) or 200 duplicate (already held). */
export const PhotoUploadResult = z.union([
  z.object({ id: Uuid, status: z.literal('stored'), bytes: z.int() }),
  z.object({ id: Uuid, status: z.literal('duplicate') }),
]);
export type PhotoUploadResult = z.infer<typeof PhotoUploadResult>;

/** A 4xx body: a machine-readable `error` code, words for people, and details. */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.int(),
  epoch: z.string(),
});
export type Health = z.infer<typeof Health>;
