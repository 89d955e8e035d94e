/**
 * Push: sends pending events in ascending device sequence, in batches of at most 500
 * events and 512 KB (MAX_PUSH_EVENTS, MAX_PUSH_BYTES: fewer round trips drain a week
 * offline faster). An event leaves 'pending' ONLY on a 2xx whose body passes the shared
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
import { applyVerdicts, readPending } from './outbox.ts';
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

interface BatchOutcome {
  settled: number;
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

async function pushBatch(
  fetchImpl: FetchLike,
  deviceId: string,
  events: RunEvent[],
): Promise<HttpResult<BatchOutcome>> {
  const batchId = uuidv7();
  const body = { protocol: PROTOCOL_VERSION, appVersion: APP_VERSION, deviceId, batchId, sentAt: Date.now(), events };
  const headers = { 'content-type': 'application/json', ...CSRF_HEADERS };
  const init = { method: 'POST', headers, body: JSON.stringify(body) };
  const result = await requestJson(fetchImpl, '/api/sync/push', init, PushResponse);
  if (!result.ok) return result;
  if (result.value.batchId !== batchId) return { ok: false, reason: 'mismatch' };
  // The epoch first: a restored server's verdicts on this batch are current, the acks
  // of the old server are not.
  const epochChanged = await noteServerEpoch(result.value.epoch);
  // Each answer judges the clock anew: a clock set right clears the banner at the next push.
  updateSyncRuntime({ clockWarning: result.value.clockWarning ?? null });
  const settled = await applyVerdicts(
    events.map((e) => e.id),
    result.value.results,
  );
  return { ok: true, value: { settled, epochChanged } };
}

/** Pushes until nothing is pending, or stops at the first failed batch. */
export async function pushPending(fetchImpl: FetchLike, deviceId: string): Promise<HttpResult<PushOutcome>> {
  const outcome: PushOutcome = { batches: 0, settled: 0, epochChanged: false };
  for (;;) {
    const rows = await readPending(MAX_PUSH_EVENTS);
    if (rows.length === 0) return { ok: true, value: outcome };
    const events = fitBatch(rows);
    const result = await pushBatch(fetchImpl, deviceId, events);
    if (!result.ok) return result;
    outcome.batches += 1;
    outcome.settled += result.value.settled;
    // A 2xx that settles only part of the batch would make us resend the rest at once:
    // stop and leave them for the next attempt instead of spinning.
    if (result.value.settled < events.length) return { ok: false, reason: 'mismatch' };
    if (result.value.epochChanged) {
      if (outcome.epochChanged) return { ok: false, reason: 'mismatch' };
      outcome.epochChanged = true;
    }
  }
}
