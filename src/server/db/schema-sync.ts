/**
 * Sync bookkeeping beside the events: one row per push a device made, with the clock skew
 * measured on it (server receive time − the device's `sentAt`) and what the clock check
 * found. The devices row keeps only the latest verdict (see sync/device-clock.ts); this is
 * the history behind it. `org_id` leads the key like everywhere else (see schema.ts).
 */
import { bigint, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ClockReason } from '../../shared/sync.ts';

export const pushBatches = pgTable(
  'push_batches',
  {
    orgId: uuid('org_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    /** The device's wall clock when it sent the batch (epoch ms). */
    sentAt: bigint('sent_at', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** receivedAt − sentAt: add it to a device time to estimate the true time. */
    skewMs: bigint('skew_ms', { mode: 'number' }).notNull(),
    events: integer('events').notNull(),
    accepted: integer('accepted').notNull(),
    clockReason: text('clock_reason').$type<ClockReason>(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.deviceId, t.batchId] })],
);
