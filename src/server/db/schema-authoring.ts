/**
 * Authoring tables beside the SOPs (see sops/drafts.ts).
 *
 * `sop_drafts`: one working copy per SOP. `revision` counts saves and is the optimistic
 * version check: a save names the revision it was based on and only succeeds if that is
 * still the current one. `published_revision` is the revision the latest version was
 * published from; the draft holds unpublished changes when it differs from `revision`.
 * A SOP published before it had a draft row (the seed) has none until its first save.
 *
 * `sop_reviews`: the history of "mark as reviewed" (who and when); `sops.last_reviewed_at`
 * holds the latest. `org_id` leads every key like everywhere else (see schema.ts).
 */
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SopDraft } from '../../shared/sop-draft.ts';

export const sopDrafts = pgTable(
  'sop_drafts',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    /** The whole draft (title, category, owner, review interval, content) as the editor saves it. */
    draft: jsonb('draft').$type<SopDraft>().notNull(),
    revision: integer('revision').notNull(),
    publishedRevision: integer('published_revision'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who saved last: a free-text name until accounts exist. */
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sopId] })],
);

export const sopReviews = pgTable(
  'sop_reviews',
  {
    orgId: uuid('org_id').notNull(),
    sopId: uuid('sop_id').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
    reviewedBy: text('reviewed_by'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.sopId, t.reviewedAt] })],
);
