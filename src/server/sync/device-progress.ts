/**
 * What the server holds of one device's event stream, from its device sequence numbers
 * (1, 2, 3… per device, gap-free on the device). A sequence counts as received when its
 * event is stored or was dead-lettered (a rejected event must not leave a gap forever).
 *
 * Incremental, so a push costs the same whatever the device's history: `devices.
 * contiguous_seq` remembers n such that 1..n have all been received. Each push reads only
 * the sequences above n (normally just the batch, since devices push in order), walks
 * them in order — every jump of more than one is a gap — and moves n forward to the
 * sequence just before the first gap. The caller holds the transaction of the push, and
 * touchDevice has locked the device's row, so two pushes of one device cannot race here.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Queryable, Transaction } from '../db/connect.ts';
import { deadLetters, devices, runEvents } from '../db/schema.ts';
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

export async function deviceProgress(db: Queryable, orgId: string, deviceId: string): Promise<DeviceProgress> {
  const [row] = await db
    .select({ contiguous: devices.contiguousSeq })
    .from(devices)
    .where(and(eq(devices.orgId, orgId), eq(devices.deviceId, deviceId)));
  const contiguous = row?.contiguous ?? 0;
  const above = (table: typeof runEvents | typeof deadLetters) =>
    db
      .selectDistinct({ seq: table.deviceSeq })
      .from(table)
      .where(and(eq(table.orgId, orgId), eq(table.deviceId, deviceId), gt(table.deviceSeq, contiguous)));
  const [stored, rejected] = await Promise.all([above(runEvents), above(deadLetters)]);
  const seqs = [...new Set([...stored, ...rejected].map((r) => Number(r.seq)))].sort((a, b) => a - b);
  const progress = walkSequences(contiguous, seqs);
  if (row && progress.highestContiguousDeviceSeq > contiguous) {
    await db
      .update(devices)
      .set({ contiguousSeq: progress.highestContiguousDeviceSeq })
      .where(and(eq(devices.orgId, orgId), eq(devices.deviceId, deviceId)));
  }
  return progress;
}
/** Records that the device synced at `now`, with the app version it runs; returns its first_seen. */
export async function touchDevice(
  tx: Transaction,
  orgId: string,
  deviceId: string,
  appVersion: string,
  now = new Date(),
): Promise<Date> {
  const version = storableText(appVersion);
  const [row] = await tx
    .insert(devices)
    .values({ orgId, deviceId, firstSeen: now, lastSyncAt: now, appVersion: version })
    .onConflictDoUpdate({
      target: [devices.orgId, devices.deviceId],
      set: { lastSyncAt: now, appVersion: version },
    })
    .returning({ firstSeen: devices.firstSeen });
  return row?.firstSeen ?? now;
}
