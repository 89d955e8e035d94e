/**
 * Photos taken on devices as step evidence. A photo is uploaded once, under the id the
 * device gave it (named by its `photo_attached` event), and never changes: `sha256` tells a
 * retried upload (same bytes) from a different photo reusing an id. The bytes live in the
 * database (bytea) so that one backup holds everything; `org_id` leads the key like
 * everywhere else (see schema.ts).
 */
import { customType, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PhotoMime } from '../photos/media-type.ts';

/** PostgreSQL bytea as bytes: PGlite returns a Uint8Array, node-postgres a Buffer (one). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.length)),
});

export const photos = pgTable(
  'photos',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    runId: uuid('run_id').notNull(),
    mime: text('mime').$type<PhotoMime>().notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);
