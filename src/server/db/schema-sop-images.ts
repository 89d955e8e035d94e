/**
 * Images that authors add to SOP steps. Uploaded once, under an id the server gives, and
 * never changed (a new picture is a new image with a new URL), so browsers and the
 * runners' offline image cache may keep them for good. The bytes live in the database
 * like run photos (schema-photos.ts): one backup holds everything. `org_id` leads every
 * key like everywhere else (see schema.ts).
 */
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PhotoMime } from '../photos/media-type.ts';
import { bytea } from './schema-photos.ts';

export const sopImages = pgTable(
  'sop_images',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    sopId: uuid('sop_id').notNull(),
    mime: text('mime').$type<PhotoMime>().notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('sop_images_org_sop_idx').on(t.orgId, t.sopId)],
);
