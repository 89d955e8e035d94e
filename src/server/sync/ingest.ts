/**
 * Push ingestion: one batch of a device's events, all in ONE transaction.
 *
 * 1. each event is checked alone (event-check.ts); a run_started must also name a SOP
 *    version that exists in the organisation (read once, pinned-versions.ts, and reused
 *    by the next steps), and every event must come from the member its run belongs to,
 *    or an owner (run-owners.ts);
 * 2. valid events are stored idempotently, rejected ones dead-lettered (store-events.ts);
 * 3. the derived rows of every run that received a new event are recomputed from all of
 *    its events (derive-runs.ts), all runs of the batch together;
 * 4. the device's sync time is recorded, its clock judged (device-clock.ts: data from a
 *    wrong clock is accepted, stamped with an estimated true time, and the device warned)
 *    and its sequence coverage computed.
 * If anything fails (database down), the transaction rolls back whole: the device keeps
 * its outbox and sends the same batch again, which is safe because storage is idempotent.
 */
import { PROTOCOL_VERSION, type PushRequest, type PushResponse } from '../../shared/sync.ts';
import type { Queryable } from '../db/connect.ts';
import { readEpoch } from '../db/server-meta.ts';
import { deriveRuns } from './derive-runs.ts';
import { clockWarning, judgeDeviceClock, measureClock, recordPush } from './device-clock.ts';
import { deviceProgress, touchDevice } from './device-progress.ts';
import { type CheckedEvent, checkEvent, rejected } from './event-check.ts';
import { checkRunOwners, type Pusher } from './run-owners.ts';
import { type PinnedVersions, readPinnedVersions, type VersionRef, versionKey } from './pinned-versions.ts';
import { storeEvents } from './store-events.ts';

/** The versions named by the batch's valid run_started events. */
const startedVersions = (checked: CheckedEvent[]): VersionRef[] =>
  checked.flatMap((c) =>
    c.ok && c.event.type === 'run_started'
      ? [{ sopId: c.event.payload.sopId, version: c.event.payload.sopVersion }]
      : [],
  );

/** Rejects run_started events whose SOP version does not exist in the organisation. */
function checkSopVersions(checked: CheckedEvent[], versions: PinnedVersions): CheckedEvent[] {
  return checked.map((c) => {
    if (!c.ok || c.event.type !== 'run_started') return c;
    const { sopId, sopVersion } = c.event.payload;
    if (versions.has(versionKey(sopId, sopVersion))) return c;
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
    const versions = await readPinnedVersions(tx, orgId, startedVersions(checked));
    const versioned = checkSopVersions(checked, versions);
    const judged = pusher ? await checkRunOwners(tx, orgId, pusher, versioned) : versioned;
    const ctx = { orgId, deviceId, batchId, receivedAt, skewMs: clock.skewMs };
    const stored = await storeEvents(tx, ctx, judged, request.events);
    const pinned = await deriveRuns(
      tx,
      orgId,
      stored.accepted.map((e) => e.runId),
      stored.accepted,
      versions,
    );
    const device = await touchDevice(tx, orgId, deviceId, request.appVersion, new Date(receivedAt));
    const publishedAtByRun = new Map([...pinned].map(([runId, v]) => [runId, v.publishedAt]));
    const reason = judgeDeviceClock({
      deviceId,
      firstSeen: device.firstSeen,
      clock,
      accepted: stored.accepted,
      publishedAtByRun,
    });
    const progress = await deviceProgress(tx, orgId, deviceId, device.contiguousSeq, stored.receivedSeqs);
    await recordPush(tx, {
      orgId,
      deviceId,
      batchId,
      clock,
      reason,
      sent: request.events.length,
      accepted: stored.accepted.length,
      contiguousSeq: progress.highestContiguousDeviceSeq,
    });
    const warning = clockWarning(reason, clock);
    return { results: stored.results, ...progress, ...(warning ? { clockWarning: warning } : {}) };
  });
  return {
    protocol: PROTOCOL_VERSION,
    batchId,
    ...outcome,
    serverTime: Date.now(),
    epoch: await readEpoch(db),
  };
}
