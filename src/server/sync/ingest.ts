/**
 * Push ingestion: one batch of a device's events, in the caller's transaction (the
 * request's tenant transaction), so that it commits or rolls back whole.
 *
 * 1. one statement reads what judging the batch needs (push-context.ts): the device's row
 *    (upserted and locked), the stored starts of the batch's runs and the SOP versions
 *    named. It is sent first, and the database reads while the server checks each event
 *    alone (event-check.ts). Then a run_started must name a SOP version that exists in
 *    the organisation, and every event must come from the member its run belongs to, or
 *    an owner (run-owners.ts);
 * 2. the device's clock is judged on the batch's valid events (device-clock.ts: data from
 *    a wrong clock is accepted, stamped with an estimated true time, and the device
 *    warned) and its sequence coverage computed (device-progress.ts): both follow from the
 *    batch itself, so the push's record rides on the next statement;
 * 3. valid events are stored idempotently, rejected ones dead-lettered (store-events.ts);
 *    every run that received a new event is queued for derivation in the same statement
 *    (derive-queue.ts): its derived rows are recomputed after the commit, not while the
 *    device waits.
 * If anything fails (database down), the transaction rolls back whole: the device keeps
 * its outbox and sends the same batch again, which is safe because storage is idempotent.
 */
import { PROTOCOL_VERSION, type PushRequest, type PushResponse } from '../../shared/sync.ts';
import type { RunEvent } from '../../shared/events.ts';
import type { Transaction } from '../db/connect.ts';
import { epochOf } from '../db/server-meta.ts';
import { clockWarning, judgeDeviceClock, measureClock, pushRecord } from './device-clock.ts';
import { progressAfter } from './device-progress.ts';
import { type CheckedEvent, checkEvent, rejected } from './event-check.ts';
import { checkRunOwners, type Pusher } from './run-owners.ts';
import { versionKey } from './pinned-versions.ts';
import { completePushContext, type PushContext, readPushContext } from './push-context.ts';
import { storeEvents } from './store-events.ts';

/**
 * The publication time of the version each run of `events` is pinned to: its stored
 * start's, else that of its latest run_started in the batch (the fold's rule).
 */
function publicationTimes(events: readonly RunEvent[], context: PushContext) {
  const starts = new Map<string, { sopId: string; version: number; seq: number }>();
  for (const e of events) {
    if (e.type !== 'run_started') continue;
    const known = starts.get(e.runId);
    if (!known || known.seq < e.seq)
      starts.set(e.runId, { sopId: e.payload.sopId, version: e.payload.sopVersion, seq: e.seq });
  }
  const publishedAt = new Map<string, number>();
  for (const { runId } of events) {
    const start = context.starts.get(runId);
    const ref = start ? { sopId: start.sopId, version: start.sopVersion } : starts.get(runId);
    const at = ref && context.publishedAt.get(versionKey(ref.sopId, ref.version));
    if (at !== undefined) publishedAt.set(runId, at);
  }
  return publishedAt;
}

/** Rejects run_started events whose SOP version does not exist in the organisation. */
function checkSopVersions(checked: CheckedEvent[], context: PushContext): CheckedEvent[] {
  return checked.map((c) => {
    if (!c.ok || c.event.type !== 'run_started') return c;
    const { sopId, sopVersion } = c.event.payload;
    if (context.publishedAt.has(versionKey(sopId, sopVersion))) return c;
    return rejected(c.id, 'unknown_sop_version', `SOP ${sopId} has no published version ${sopVersion}`);
  });
}

/** One turn of the event loop: lets the driver send a statement before CPU-bound work holds the loop. */
const letDriverSend = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Ingests one push; `receivedAt` is the server time the request arrived (for the clock
 * skew). `pusher` is the signed-in member (run-owners.ts); null only for the server's own
 * generated demo history.
 */
export async function ingestPush(
  tx: Transaction,
  orgId: string,
  request: PushRequest,
  receivedAt = Date.now(),
  pusher: Pusher | null = null,
): Promise<PushResponse> {
  const { deviceId, batchId } = request;
  const clock = measureClock(request.sentAt, receivedAt);
  const device = { deviceId, appVersion: request.appVersion, now: new Date(receivedAt) };
  const reading = readPushContext(tx, orgId, device, request.events);
  await letDriverSend();
  const checked = request.events.map((raw) => checkEvent(raw, deviceId));
  const context = await completePushContext(tx, orgId, await reading, checked);
  const versioned = checkSopVersions(checked, context);
  const judged = pusher ? checkRunOwners(pusher, versioned, context.starts) : versioned;
  const ctx = { orgId, deviceId, batchId, receivedAt, skewMs: clock.skewMs };
  const valid = judged.flatMap((c) => (c.ok ? [c.event] : []));
  const reason = judgeDeviceClock({
    deviceId,
    firstSeen: context.device.firstSeen,
    clock,
    events: valid,
    publishedAtByRun: publicationTimes(valid, context),
  });
  const progress = progressAfter(context.device, judged, request.events);
  const record = pushRecord({
    orgId,
    deviceId,
    batchId,
    clock,
    reason,
    sent: request.events.length,
    contiguousSeq: progress.highestContiguousDeviceSeq,
  });
  const stored = await storeEvents(tx, ctx, judged, request.events, record);
  const epoch = epochOf(stored.along);
  const warning = clockWarning(reason, clock);
  return {
    protocol: PROTOCOL_VERSION,
    batchId,
    results: stored.results,
    ...progress,
    ...(warning ? { clockWarning: warning } : {}),
    serverTime: Date.now(),
    epoch,
  };
}
