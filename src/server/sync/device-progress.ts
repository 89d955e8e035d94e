/**
 * What the server holds of one device's event stream, from its device sequence numbers
 * (1, 2, 3… per device, gap-free on the device). A window function pairs each distinct
 * sequence with the previous one (0 before the first); wherever they differ by more
 * than one, the numbers in between are a gap. The highest contiguous sequence is the one
 * just before the first gap, or the highest held when there is none.
 */
import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '../db/connect.ts';
import { devices, runEvents } from '../db/schema.ts';
import { storableText } from './storable.ts';

export interface DeviceProgress {
  highestContiguousDeviceSeq: number;
  gaps: [number, number][];
}

export async function deviceProgress(db: Queryable, orgId: string, deviceId: string): Promise<DeviceProgress> {
  const held = db
    .selectDistinct({ seq: runEvents.deviceSeq })
    .from(runEvents)
    .where(and(eq(runEvents.orgId, orgId), eq(runEvents.deviceId, deviceId)))
    .as('held');
  const paired = db
    .select({
      seq: held.seq,
      prev: sql<number>`coalesce(lag(${held.seq}) over (order by ${held.seq}), 0)`.as('prev'),
    })
    .from(held)
    .as('paired');
  const gapRows = await db
    .select({
      from: sql<number>`${paired.prev} + 1`.mapWith(Number),
      to: sql<number>`${paired.seq} - 1`.mapWith(Number),
    })
    .from(paired)
    .where(sql`${paired.seq} - ${paired.prev} > 1`)
    .orderBy(asc(paired.seq));
  const gaps = gapRows.map((g): [number, number] => [g.from, g.to]);
  const first = gaps[0];
  if (first) return { highestContiguousDeviceSeq: first[0] - 1, gaps };
  const [top] = await db
    .select({ seq: max(runEvents.deviceSeq).mapWith(Number) })
    .from(runEvents)
    .where(and(eq(runEvents.orgId, orgId), eq(runEvents.deviceId, deviceId)));
  return { highestContiguousDeviceSeq: top?.seq ?? 0, gaps };
}

/** Records that the device synced now, with the app version it runs. */
export async function touchDevice(tx: Transaction, orgId: string, deviceId: string, appVersion: string) {
  const now = new Date();
  const version = storableText(appVersion);
  await tx
    .insert(devices)
    .values({ orgId, deviceId, firstSeen: now, lastSyncAt: now, appVersion: version })
    .onConflictDoUpdate({
      target: [devices.orgId, devices.deviceId],
      set: { lastSyncAt: now, appVersion: version },
    });
}
