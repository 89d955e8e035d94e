/**
 * Push ingestion: one batch of a device's events, in the caller's transaction (the
 * request's tenant transaction), so that it commits or rolls back whole.
 *
 * 1. each event is checked alone (event-check.ts); a run_started must also name a SOP
 *    version that exists in the organisation, and every event must come from the member
 *    its run belongs to, or an owner (run-owners.ts). Both read what is stored, in one
 *    query (run-starts.ts): the stored starts of the batch's runs and the versions named;
 * 2. valid events are stored idempotently, rejected ones dead-lettered (store-events.ts);
 *    every run that received a new event is queued for derivation in the same statement
 *    (derive-queue.ts): its derived rows are recomputed after the commit, not while the
 *    device waits;
 * 3. the device's sync time is recorded, its clock judged (device-clock.ts: data from a
 *    wrong clock is accepted, stamped with an estimated true time, and the device warned)
 *    and its sequence coverage computed.
 * If anything fails (database down), the transaction rolls back whole: the device keeps
 * its outbox and sends the same batch again, which is safe because storage is idempotent.
 */
import { PROTOCOL_VERSION, type PushRequest, type PushResponse } from '../../shared/sync.ts';
import type { RunEvent } from '../../shared/events.ts';
import type { Transaction } from '../db/connect.ts';
import { clockWarning, judgeDeviceClock, measureClock, recordPush } from './device-clock.ts';
import { touchDevice } from './device-progress.ts';
import { type CheckedEvent, checkEvent, rejected } from './event-check.ts';
import { checkRunOwners, type Pusher } from './run-owners.ts';
import { type PinnedVersions, type VersionRef, versionKey } from './pinned-versions.ts';
import { type RunStart, readRunContext } from './run-starts.ts';
import { storeEvents } from './store-events.ts';

/** The versions named by the batch's valid run_started events. */
const startedVersions = (checked: CheckedEvent[]): VersionRef[] =>
  checked.flatMap((c) =>
    c.ok && c.event.type === 'run_started'
      ? [{ sopId: c.event.payload.sopId, version: c.event.payload.sopVersion }]
      : [],
  );

/**
 * The publication time of the version each run of the accepted events is pinned to: its
 * stored start's, else that of its latest run_started in the batch (the fold's rule).
 */
function publicationTimes(
  accepted: readonly RunEvent[],
  stored: ReadonlyMap<string, RunStart>,
  versions: PinnedVersions,
) {
  const starts = new Map<string, { sopId: string; version: number; seq: number }>();
  for (const e of accepted) {
    if (e.type !== 'run_started') continue;
    const known = starts.get(e.runId);
    if (!known || known.seq < e.seq)
      starts.set(e.runId, { sopId: e.payload.sopId, version: e.payload.sopVersion, seq: e.seq });
  }
  const publishedAt = new Map<string, number>();
  for (const { runId } of accepted) {
    const start = stored.get(runId);
    const ref = start ? { sopId: start.sopId, version: start.sopVersion } : starts.get(runId);
    const version = ref && versions.get(versionKey(ref.sopId, ref.version));
    if (version) publishedAt.set(runId, version.publishedAt);
  }
  return publishedAt;
}

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
  tx: Transaction,
  orgId: string,
  request: PushRequest,
  receivedAt = Date.now(),
  pusher: Pusher | null = null,
): Promise<PushResponse> {
  const { deviceId, batchId } = request;
  const clock = measureClock(request.sentAt, receivedAt);
  const checked = request.events.map((raw) => checkEvent(raw, deviceId));
  const runIds = [...new Set(checked.flatMap((c) => (c.ok ? [c.event.runId] : [])))];
  const { starts, versions } = await readRunContext(tx, orgId, runIds, startedVersions(checked));
  const versioned = checkSopVersions(checked, versions);
  const judged = pusher ? checkRunOwners(pusher, versioned, starts) : versioned;
  const ctx = { orgId, deviceId, batchId, receivedAt, skewMs: clock.skewMs };
  const stored = await storeEvents(tx, ctx, judged, request.events);
  const device = await touchDevice(tx, orgId, deviceId, request.appVersion, new Date(receivedAt), stored.receivedSeqs);
  const reason = judgeDeviceClock({
    deviceId,
    firstSeen: device.firstSeen,
    clock,
    accepted: stored.accepted,
    publishedAtByRun: publicationTimes(stored.accepted, starts, versions),
  });
  const { progress } = device;
  const epoch = await recordPush(tx, {
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
