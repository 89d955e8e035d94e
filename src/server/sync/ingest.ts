/**
 * Push ingestion: one batch of a device's events, all in ONE transaction.
 *
 * 1. each event is checked alone (event-check.ts); a run_started must also name a SOP
 *    version that exists in the organisation, and every event must come from the member
 *    its run belongs to, or an owner (run-owners.ts);
 * 2. valid events are stored idempotently, rejected ones dead-lettered (store-events.ts);
 * 3. the derived rows of every run that received a new event are recomputed from all of
 *    its events (derive-runs.ts);
 * 4. the device's sync time is recorded, its clock judged (device-clock.ts: data from a
 *    wrong clock is accepted, stamped with an estimated true time, and the device warned)
 *    and its sequence coverage computed.
 * If anything fails (database down), the transaction rolls back whole: the device keeps
 * its outbox and sends the same batch again, which is safe because storage is idempotent.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { PROTOCOL_VERSION, type PushRequest, type PushResponse } from '../../shared/sync.ts';
import type { Queryable, Transaction } from '../db/connect.ts';
import { sopVersions } from '../db/schema.ts';
import { readEpoch } from '../db/server-meta.ts';
import { deriveRuns } from './derive-runs.ts';
import { judgeDeviceClock, measureClock } from './device-clock.ts';
import { deviceProgress, touchDevice } from './device-progress.ts';
import { type CheckedEvent, checkEvent, rejected } from './event-check.ts';
import { checkRunOwners, type Pusher } from './run-owners.ts';
import { storeEvents } from './store-events.ts';

const versionKey = (sopId: string, version: number) => `${sopId}@${version}`;

/** Rejects run_started events whose SOP version does not exist in the organisation. */
async function checkSopVersions(tx: Transaction, orgId: string, checked: CheckedEvent[]): Promise<CheckedEvent[]> {
  const sopIds = new Set<string>();
  for (const c of checked) if (c.ok && c.event.type === 'run_started') sopIds.add(c.event.payload.sopId);
  if (sopIds.size === 0) return checked;
  // Compared in JS rather than in SQL: a version number beyond int4 must read as unknown,
  // not fail the query.
  const rows = await tx
    .select({ sopId: sopVersions.sopId, version: sopVersions.version })
    .from(sopVersions)
    .where(and(eq(sopVersions.orgId, orgId), inArray(sopVersions.sopId, [...sopIds])));
  const known = new Set(rows.map((r) => versionKey(r.sopId, r.version)));
  return checked.map((c) => {
    if (!c.ok || c.event.type !== 'run_started') return c;
    const { sopId, sopVersion } = c.event.payload;
    if (known.has(versionKey(sopId, sopVersion))) return c;
    return rejected(c.id, 'unknown_sop_version', `SOP ${sopId} has no published version ${sopVersion}`);
  });
}

/**
 * Ingests one push; `receivedAt` is the server time the request arrived (for the clock
 * skew). `pusher` is the signed-in member (run-owners.ts); null only for the server's own
 * generated demo history.
 */
export async function ingestPush(
  db: Queryable,
  orgId: string,
  request: PushRequest,
  receivedAt = Date.now(),
  pusher: Pusher | null = null,
): Promise<PushResponse> {
  const { deviceId, batchId } = request;
  const clock = measureClock(request.sentAt, receivedAt);
  const checked = request.events.map((raw) => checkEvent(raw, deviceId));
  const outcome = await db.transaction(async (tx) => {
    const versioned = await checkSopVersions(tx, orgId, checked);
    const judged = pusher ? await checkRunOwners(tx, orgId, pusher, versioned) : versioned;
    const ctx = { orgId, deviceId, batchId, receivedAt, skewMs: clock.skewMs };
    const stored = await storeEvents(tx, ctx, judged, request.events);
    await deriveRuns(
      tx,
      orgId,
      stored.accepted.map((e) => e.runId),
      stored.accepted,
    );
    const firstSeen = await touchDevice(tx, orgId, deviceId, request.appVersion, new Date(receivedAt));
    const sent = request.events.length;
    const clockWarning = await judgeDeviceClock(tx, { ...ctx, firstSeen, clock, sent, accepted: stored.accepted });
    const progress = await deviceProgress(tx, orgId, deviceId);
    return { results: stored.results, ...progress, ...(clockWarning ? { clockWarning } : {}) };
  });
  return {
    protocol: PROTOCOL_VERSION,
    batchId,
    ...outcome,
    serverTime: Date.now(),
    epoch: await readEpoch(db),
  };
}
