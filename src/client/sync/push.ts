/**
 * Push: sends pending events in ascending device sequence, in batches of at most 1 000
 * events and 512 KB (MAX_PUSH_EVENTS, MAX_PUSH_BYTES: fewer round trips drain a week
 * offline faster; the database work of one batch is done while the next is in flight).
 * An event leaves 'pending' ONLY on a 2xx whose body passes the shared
 * `PushResponse` schema, echoes our batchId and carries a status for that event:
 * accepted/duplicate → 'acked'; rejected → 'rejected' with its code (kept and shown, never
 * dropped; it leaves the pending set, so it never blocks later events). Any other answer —
 * HTML, 5xx, timeout, offline — leaves the batch pending for the next attempt. The server
 * inserts idempotently, so resending an event that did arrive is harmless. Each verified
 * answer's epoch is checked (epoch.ts): a restored server gets the retained events again
 * within the same pass — at most once per pass, so two servers disagreeing behind one
 * address cannot keep a phone resending forever.
 */

import type { RunEvent } from '../../shared/events.ts';
import { MAX_PUSH_BYTES, MAX_PUSH_EVENTS, PROTOCOL_VERSION, PushResponse } from '../../shared/sync.ts';
import { uuidv7 } from '../../shared/uuid.ts';
import { CSRF_HEADERS } from '../auth/csrf.ts';
import type { EventRow } from '../db/types.ts';
import { noteServerEpoch } from './epoch.ts';
import { type FetchLike, type HttpResult, requestJson } from './http.ts';
import { applyVerdicts, readPending, verdictsFor } from './outbox.ts';
import { updateSyncRuntime } from './status.ts';

export const APP_VERSION = '0.1.0';
/** Room left in the byte budget for the request's envelope fields. */
const ENVELOPE_BYTES = 1024;

export interface PushOutcome {
  batches: number;
  settled: number;
  /** True when the server's epoch changed during this pass (its events were resent). */
  epochChanged: boolean;
}

function toWire(row: EventRow): RunEvent {
  const { sync: _sync, ackedAt: _ackedAt, rejectCode: _code, rejectMessage: _message, ...event } = row;
  return event as RunEvent;
}

/** The longest prefix of `rows` that fits the byte budget (at least one event). */
function fitBatch(rows: readonly EventRow[]): RunEvent[] {
  const batch: RunEvent[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const row of rows) {
    const event = toWire(row);
    bytes += new TextEncoder().encode(JSON.stringify(event)).length + 1;
    if (batch.length > 0 && bytes > MAX_PUSH_BYTES) break;
    batch.push(event);
  }
  return batch;
}

/** Sends one batch; the answer counts only if it passes the schema and echoes the batch id. */
async function sendBatch(
  fetchImpl: FetchLike,
  deviceId: string,
  events: RunEvent[],
): Promise<HttpResult<PushResponse>> {
  const batchId = uuidv7();
  const body = { protocol: PROTOCOL_VERSION, appVersion: APP_VERSION, deviceId, batchId, sentAt: Date.now(), events };
  const headers = { 'content-type': 'application/json', ...CSRF_HEADERS };
  const init = { method: 'POST', headers, body: JSON.stringify(body) };
  const result = await requestJson(fetchImpl, '/api/sync/push', init, PushResponse);
  if (!result.ok) return result;
  if (result.value.batchId !== batchId) return { ok: false, reason: 'mismatch' };
  return result;
}

/**
 * Pushes until nothing is pending, or stops at the first failed batch. Only one batch is
 * ever in flight, but the database work around it overlaps it: while the server answers
 * a batch, the next one is read (the pending events after it in device order) and the
 * previous batch's acks are written. Those acks are always stored before anything of
 * the next answer is applied — its epoch first, which may make them void — and a failure
 * to store them ends the pass like any other.
 */
export async function pushPending(fetchImpl: FetchLike, deviceId: string): Promise<HttpResult<PushOutcome>> {
  const outcome: PushOutcome = { batches: 0, settled: 0, epochChanged: false };
  // The epoch of the previous answer of this pass: the same one needs no database work.
  let knownEpoch: string | null = null;
  let acking: Promise<unknown> = Promise.resolve();
  let rows = await readPending(MAX_PUSH_EVENTS);
  while (rows.length > 0) {
    const events = fitBatch(rows);
    const ids = events.map((e) => e.id);
    const lastSent = events[events.length - 1]?.deviceSeq ?? 0;
    const sending = sendBatch(fetchImpl, deviceId, events);
    // A failed read here is not this batch's failure: it is read again below.
    const next = readPending(MAX_PUSH_EVENTS, lastSent).catch(() => null);
    const result = await sending;
    await acking;
    if (!result.ok) return result;
    const { epoch, results, clockWarning } = result.value;
    // The epoch first: a restored server's verdicts on this batch are current, the acks
    // of the old server are not.
    const epochChanged = epoch !== knownEpoch && (await noteServerEpoch(epoch));
    knownEpoch = epoch;
    // Each answer judges the clock anew: a clock set right clears the banner at the next push.
    updateSyncRuntime({ clockWarning: clockWarning ?? null });
    const settled = verdictsFor(ids, results).size;
    outcome.batches += 1;
    outcome.settled += settled;
    if (settled === events.length && !epochChanged) {
      acking = applyVerdicts(ids, results);
      // Awaited with the next answer or at the end; this only marks the rejection handled.
      acking.catch(() => undefined);
      rows = (await next) ?? (await readPending(MAX_PUSH_EVENTS, lastSent));
      continue;
    }
    await applyVerdicts(ids, results);
    // A 2xx that settles only part of the batch would make us resend the rest at once:
    // stop and leave them for the next attempt instead of spinning.
    if (settled < events.length) return { ok: false, reason: 'mismatch' };
    if (outcome.epochChanged) return { ok: false, reason: 'mismatch' };
    outcome.epochChanged = true;
    // Every retained event is pending again, before this batch: start over from the oldest.
    rows = await readPending(MAX_PUSH_EVENTS);
  }
  await acking;
  return { ok: true, value: outcome };
}
