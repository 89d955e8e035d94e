/**
 * What the server holds of one device's event stream, from its device sequence numbers
 * (1, 2, 3… per device, gap-free on the device). A sequence counts as received when its
 * event is stored or was dead-lettered (a rejected event must not leave a gap forever).
 *
 * Incremental, so a push costs the same whatever the device's history: `devices.
 * contiguous_seq` remembers n such that 1..n have all been received. Each push walks the
 * sequences above n in order — every jump of more than one is a gap — and moves n forward
 * to the sequence just before the first gap. The sequences the push itself brought are
 * known in memory; only the other received ones above n are read (normally none, since
 * devices push in order), in the statement that locks the device's row, so two pushes of
 * one device cannot race here; the new mark is written with the rest of the push's record
 * (device-clock.ts, recordPush).
 */
import { sql } from 'drizzle-orm';
import { int, queryRows } from '../analytics/sql-rows.ts';
import type { Transaction } from '../db/connect.ts';
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

export interface DeviceSync {
  /** When the server first heard from the device. */
  firstSeen: Date;
  /** The device's coverage after this push; the caller stores its mark (device-clock.ts, recordPush). */
  progress: DeviceProgress;
}

/**
 * Records that the device synced at `now`, with the app version it runs (and locks its
 * row), and computes its coverage after the push, in one statement. `received` are the
 * sequences the push itself stored or dead-lettered: the walk crosses those in memory,
 * and the statement returns only the other received sequences above the mark the push
 * started from (normally none, since devices push in order).
 */
export async function touchDevice(
  tx: Transaction,
  orgId: string,
  deviceId: string,
  appVersion: string,
  now: Date,
  received: readonly number[],
): Promise<DeviceSync> {
  const version = storableText(appVersion);
  const at = now.toISOString();
  const batch = [...new Set(received)];
  const [row] = await queryRows(
    tx,
    sql`with device as (
        insert into devices (org_id, device_id, first_seen, last_sync_at, app_version)
        values (${orgId}, ${deviceId}, ${at}, ${at}, ${version})
        on conflict (org_id, device_id) do update set last_sync_at = excluded.last_sync_at, app_version = excluded.app_version
        returning first_seen, contiguous_seq
      )
      select floor(extract(epoch from first_seen) * 1000)::float8 as first_seen_ms, contiguous_seq::float8 as contiguous_seq,
        array(
          select device_seq::float8 from run_events where org_id = ${orgId} and device_id = ${deviceId}
            and device_seq > device.contiguous_seq and not (device_seq = any(${sql.param(batch)}::int8[]))
          union
          select device_seq::float8 from dead_letters where org_id = ${orgId} and device_id = ${deviceId}
            and device_seq > device.contiguous_seq and not (device_seq = any(${sql.param(batch)}::int8[]))
        ) as above
      from device`,
  );
  const contiguous = row ? int(row.contiguous_seq) : 0;
  const above = (Array.isArray(row?.above) ? row.above : []).map(int);
  const sequences = [...new Set([...batch, ...above])].filter((seq) => seq > contiguous).sort((a, b) => a - b);
  return {
    firstSeen: row ? new Date(int(row.first_seen_ms)) : now,
    progress: walkSequences(contiguous, sequences),
  };
}
