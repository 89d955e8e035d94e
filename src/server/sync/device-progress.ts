/**
 * What the server holds of one device's event stream, from its device sequence numbers
 * (1, 2, 3… per device, gap-free on the device). A sequence counts as received when its
 * event is stored or was dead-lettered (a rejected event must not leave a gap forever).
 *
 * Incremental, so a push costs the same whatever the device's history: `devices.
 * contiguous_seq` remembers n such that 1..n have all been received. Each push walks the
 * sequences above n in order — every jump of more than one is a gap — and moves n forward
 * to the sequence just before the first gap. The sequences the push itself brought are
 * walked in memory; only those above where that walk stopped are read (normally none,
 * since devices push in order). The caller holds the transaction of the push, and
 * touchDevice has locked the device's row, so two pushes of one device cannot race here;
 * the new mark is written with the rest of the push's record (device-clock.ts, recordPush).
 */
import { sql } from 'drizzle-orm';
import { int, queryRows } from '../analytics/sql-rows.ts';
import type { Queryable, Transaction } from '../db/connect.ts';
import { storableText } from './storable.ts';

export interface DeviceProgress {
  highestContiguousDeviceSeq: number;
  gaps: [number, number][];
}

/** Gaps and the highest contiguous sequence, given n and the sorted sequences above it. */
export function walkSequences(contiguous: number, above: readonly number[]): DeviceProgress {
  const gaps: [number, number][] = [];
  let highest = contiguous;
  let previous = contiguous;
  for (const seq of above) {
    if (seq > previous + 1) gaps.push([previous + 1, seq - 1]);
    else if (gaps.length === 0) highest = seq;
    previous = Math.max(previous, seq);
  }
  return { highestContiguousDeviceSeq: highest, gaps };
}

/**
 * The device's coverage after a push. `contiguous` is the mark before the push (from
 * touchDevice), `received` the sequences the push itself stored or dead-lettered: the walk
 * first crosses those in memory, and only the sequences above where it stopped are read
 * (normally none, so the read is an empty index range however big the batch). Writes
 * nothing: the caller stores the new mark.
 */
export async function deviceProgress(
  db: Queryable,
  orgId: string,
  deviceId: string,
  contiguous: number,
  received: readonly number[],
): Promise<DeviceProgress> {
  const fromBatch = [...new Set(received)].filter((seq) => seq > contiguous).sort((a, b) => a - b);
  const reached = walkSequences(contiguous, fromBatch).highestContiguousDeviceSeq;
  const rows = await queryRows(
    db,
    sql`select device_seq from run_events where org_id = ${orgId} and device_id = ${deviceId} and device_seq > ${reached}
      union
      select device_seq from dead_letters where org_id = ${orgId} and device_id = ${deviceId} and device_seq > ${reached}`,
  );
  const above = rows.map((r) => int(r.device_seq)).sort((a, b) => a - b);
  return walkSequences(reached, above);
}

export interface DeviceSync {
  /** When the server first heard from the device. */
  firstSeen: Date;
  /** The device's contiguous mark before this push. */
  contiguousSeq: number;
}

/** Records that the device synced at `now`, with the app version it runs (and locks its row). */
export async function touchDevice(
  tx: Transaction,
  orgId: string,
  deviceId: string,
  appVersion: string,
  now = new Date(),
): Promise<DeviceSync> {
  const version = storableText(appVersion);
  const at = now.toISOString();
  const [row] = await queryRows(
    tx,
    sql`insert into devices (org_id, device_id, first_seen, last_sync_at, app_version)
      values (${orgId}, ${deviceId}, ${at}, ${at}, ${version})
      on conflict (org_id, device_id) do update set last_sync_at = excluded.last_sync_at, app_version = excluded.app_version
      returning floor(extract(epoch from first_seen) * 1000)::float8 as first_seen_ms, contiguous_seq`,
  );
  return {
    firstSeen: row ? new Date(int(row.first_seen_ms)) : now,
    contiguousSeq: row ? int(row.contiguous_seq) : 0,
  };
}
