/**
 * What a push must know before it stores anything, read in ONE statement that is sent
 * BEFORE the batch's events are checked, so that the database reads while the server
 * validates and hashes them (the checks are a push's main CPU work, this read one of its
 * waits; they no longer add up):
 * - the device's row, upserted and locked, with its sequence mark (device-progress.ts);
 * - the stored start of each run of the batch (run-starts.ts): whose run it is and the
 *   SOP version it is pinned to;
 * - the publication time of each SOP version named by the batch's run_started events or
 *   by those stored starts; a version absent from the answer does not exist.
 *
 * Sent before validation, the statement can only ask for what the raw events claim: run
 * ids and versions of the right form. Validation only narrows that down today, but should
 * an upgrade of an older event shape (upgrade-event.ts) ever name a run or a version its
 * raw event did not, `completePushContext` reads what is missing: the context always
 * covers every valid event.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { RunEvent } from '../../shared/events.ts';
import { isUuid } from '../../shared/sop.ts';
import { int, queryRows, type Row, str } from '../analytics/sql-rows.ts';
import type { Transaction } from '../db/connect.ts';
import { type DeviceMark, deviceMarkColumns, deviceMarkOf, upsertDevice } from './device-progress.ts';
import type { CheckedEvent } from './event-check.ts';
import { PUBLISHED_MS, type VersionRef, versionKey, versionsNamedBy } from './pinned-versions.ts';
import { isRecord } from './storable.ts';
import { latestStarts, type RunStart, startOf } from './run-starts.ts';

export interface PushContext {
  /** The device's mark before this push. */
  device: DeviceMark;
  /** The stored start of each run asked for that has one, by run id. */
  starts: Map<string, RunStart>;
  /** The publication time (epoch ms) of each existing version asked for, by versionKey. */
  publishedAt: Map<string, number>;
  /** What was asked for. */
  asked: Claims;
}

/** Run ids and SOP versions a set of events names. */
interface Claims {
  runIds: Set<string>;
  versions: Map<string, VersionRef>;
}

export interface PushDevice {
  deviceId: string;
  appVersion: string;
  /** Server time of the push. */
  now: Date;
}

function claimRun(claims: Claims, runId: unknown): void {
  if (isUuid(runId)) claims.runIds.add(runId);
}

/** Claims the version a run_started's payload names, when it has the right form. */
function claimVersion(claims: Claims, payload: unknown): void {
  if (!isRecord(payload)) return;
  const { sopId, sopVersion } = payload;
  // Any safe integer: one beyond int4 reads as an unknown version (pinned-versions.ts).
  if (isUuid(sopId) && typeof sopVersion === 'number' && Number.isSafeInteger(sopVersion))
    claims.versions.set(versionKey(sopId, sopVersion), { sopId, version: sopVersion });
}

/** What the raw events of a push claim, before any validation. */
function rawClaims(raws: readonly unknown[]): Claims {
  const claims: Claims = { runIds: new Set(), versions: new Map() };
  for (const raw of raws) {
    if (!isRecord(raw)) continue;
    claimRun(claims, raw.runId);
    if (raw.type === 'run_started') claimVersion(claims, raw.payload);
  }
  return claims;
}

/** What the valid events need that `asked` did not ask for. */
function unasked(asked: Claims, valid: readonly RunEvent[]): Claims {
  const missing: Claims = { runIds: new Set(), versions: new Map() };
  for (const e of valid) {
    if (!asked.runIds.has(e.runId)) claimRun(missing, e.runId);
    if (e.type === 'run_started' && !asked.versions.has(versionKey(e.payload.sopId, e.payload.sopVersion)))
      claimVersion(missing, e.payload);
  }
  return missing;
}

/**
 * The statement: the stored starts of `claims.runIds` and the versions they and
 * `claims.versions` name, as two JSON arrays; with the device's mark when `device` is given.
 */
function contextQuery(orgId: string, claims: Claims, device: PushDevice | null): SQL {
  const storedVersions = sql`select sop_id::uuid, sop_version::int8 from starts`;
  const named = versionsNamedBy(orgId, [...claims.versions.values()], storedVersions);
  return sql`with ${device ? sql`device as (${upsertDevice(orgId, device.deviceId, device.appVersion, device.now)}),` : sql``}
      starts as (${latestStarts(orgId, [...claims.runIds])})
    select ${device ? sql`${deviceMarkColumns(orgId, device.deviceId)},` : sql``}
      (select coalesce(json_agg(starts), '[]') from starts) as starts,
      (select coalesce(json_agg(json_build_object('sop_id', v.sop_id, 'version', v.version, 'published_ms', ${PUBLISHED_MS})), '[]')
        from ${named}) as versions
    ${device ? sql`from device` : sql``}`;
}

const rowsOf = (value: unknown): Row[] => (Array.isArray(value) ? value : []);

function addRead(context: Pick<PushContext, 'starts' | 'publishedAt'>, row: Row | undefined): void {
  for (const start of rowsOf(row?.starts)) context.starts.set(str(start.run_id), startOf(start));
  for (const version of rowsOf(row?.versions))
    context.publishedAt.set(versionKey(str(version.sop_id), int(version.version)), int(version.published_ms));
}

/**
 * Sends the statement for what the raw events `raws` claim. The promise is already
 * handled (its failure is seen where it is awaited, not as an unhandled rejection while
 * the caller is busy checking events).
 */
export function readPushContext(
  tx: Transaction,
  orgId: string,
  device: PushDevice,
  raws: readonly unknown[],
): Promise<PushContext> {
  const asked = rawClaims(raws);
  const read = queryRows(tx, contextQuery(orgId, asked, device)).then(([row]) => {
    if (!row) throw new Error('the device upsert returned no row');
    const context: PushContext = { device: deviceMarkOf(row), starts: new Map(), publishedAt: new Map(), asked };
    addRead(context, row);
    return context;
  });
  read.catch(() => {});
  return read;
}

/** Reads, into `context`, what the valid events of `checked` need and it lacks (normally nothing). */
export async function completePushContext(
  tx: Transaction,
  orgId: string,
  context: PushContext,
  checked: readonly CheckedEvent[],
): Promise<PushContext> {
  const missing = unasked(
    context.asked,
    checked.flatMap((c) => (c.ok ? [c.event] : [])),
  );
  if (missing.runIds.size === 0 && missing.versions.size === 0) return context;
  const [row] = await queryRows(tx, contextQuery(orgId, missing, null));
  addRead(context, row);
  return context;
}
