/**
 * What the server holds of one device's event stream, from its device sequence numbers
 * (1, 2, 3… per device, gap-free on the device). A sequence counts as received when its
 * event is stored or was dead-lettered (a rejected event must not leave a gap forever).
 *
 * Incremental, so a push costs the same whatever the device's history: `devices.
 * contiguous_seq` remembers n such that 1..n have all been received. Each push walks the
 * sequences above n in order — every jump of more than one is a gap — and moves n forward
 * to the sequence just before the first gap. Before storing anything, the push locks the
 * device's row and reads n and the received sequences above it (normally none, since
 * devices push in order) in its first statement (push-context.ts), so two pushes of one
 * device cannot race here; the sequences of the push itself are known in memory; the
 * new mark is written with the rest of the push's record (device-clock.ts, pushRecord).
 */
import { type SQL, sql } from 'drizzle-orm';
import { int, type Row } from '../analytics/sql-rows.ts';
import type { CheckedEvent } from './event-check.ts';
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

/** The device's row as a push finds it, before storing anything (push-context.ts). */
export interface DeviceMark {
  /** When the server first heard from the device (now, for a new device). */
  firstSeen: Date;
  /** n such that 1..n had all been received before this push. */
  contiguous: number;
  /** The received sequences above n before this push (normally none). */
  above: number[];
}

/**
 * A data-modifying CTE body: records that the device synced at `now` with the app version
 * it runs, locks its row for the rest of the push (two pushes of one device cannot race
 * on its mark) and returns it as `device (first_seen, contiguous_seq)`.
 */
export function upsertDevice(orgId: string, deviceId: string, appVersion: string, now: Date): SQL {
  const at = now.toISOString();
  return sql`insert into devices (org_id, device_id, first_seen, last_sync_at, app_version)
    values (${orgId}, ${deviceId}, ${at}, ${at}, ${storableText(appVersion)})
    on conflict (org_id, device_id) do update set last_sync_at = excluded.last_sync_at, app_version = excluded.app_version
    returning first_seen, contiguous_seq`;
}

/** The select list reading the mark of the `device` CTE (upsertDevice), decoded by deviceMarkOf. */
export const deviceMarkColumns = (orgId: string, deviceId: string): SQL =>
  sql`floor(extract(epoch from device.first_seen) * 1000)::float8 as first_seen_ms,
    device.contiguous_seq::float8 as contiguous_seq,
    array(
      select device_seq::float8 from run_events where org_id = ${orgId} and device_id = ${deviceId}
        and device_seq > device.contiguous_seq
      union
      select device_seq::float8 from dead_letters where org_id = ${orgId} and device_id = ${deviceId}
        and device_seq > device.contiguous_seq
    ) as above`;

export const deviceMarkOf = (row: Row): DeviceMark => ({
  firstSeen: new Date(int(row.first_seen_ms)),
  contiguous: int(row.contiguous_seq),
  above: (Array.isArray(row.above) ? row.above : []).map(int),
});

/** The device sequence of a raw (maybe invalid) event, when it is a usable positive integer. */
export function rawDeviceSeq(raw: unknown): number | null {
  const seq = typeof raw === 'object' && raw !== null ? (raw as { deviceSeq?: unknown }).deviceSeq : undefined;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}

/**
 * The device's coverage after the push, from its mark before the push and the events of
 * the push (`raws[i]` as sent, `checked[i]` as judged): each is stored, already stored or
 * dead-lettered by the end of the push, so its sequence is received once the push
 * commits. The caller stores the new mark (device-clock.ts, pushRecord).
 */
export function progressAfter(
  mark: DeviceMark,
  checked: readonly CheckedEvent[],
  raws: readonly unknown[],
): DeviceProgress {
  const received = checked.flatMap((c, i) => {
    const seq = c.ok ? c.event.deviceSeq : rawDeviceSeq(raws[i]);
    return seq === null ? [] : [seq];
  });
  const sequences = [...new Set([...mark.above, ...received])]
    .filter((seq) => seq > mark.contiguous)
    .sort((a, b) => a - b);
  return walkSequences(mark.contiguous, sequences);
}
