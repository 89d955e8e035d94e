/**
 * Publishing a SOP version, and the pull cursor it gets.
 *
 * Each organisation has a counter, `orgs.sync_counter`. Publishing bumps it with
 * `UPDATE … RETURNING` inside the caller's transaction and stamps the new value on the
 * version as its `sync_cursor`. The row lock taken by the UPDATE serialises concurrent
 * publishes of one organisation, so cursors are unique and a version becomes visible to
 * pull (`sync_cursor > client cursor`) only when its transaction commits with its cursor:
 * a client can never skip past a version still being written.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { LocalizedText, SopCategory, SopVersionContent } from '../../shared/sop.ts';
import type { Transaction } from '../db/connect.ts';
import { orgs, sops, sopVersions } from '../db/schema.ts';

export interface NewSop {
  orgId: string;
  id: string;
  title: LocalizedText;
  category: SopCategory;
  ownerId?: string | null;
  reviewIntervalDays?: number;
}

export interface NewVersion {
  orgId: string;
  sopId: string;
  version: number;
  content: SopVersionContent;
  changeNote: string;
  publishedBy?: string | null;
  publishedAt?: Date;
}

/** Creates a SOP as a draft; publishVersion makes it published. */
export async function createSop(tx: Transaction, sop: NewSop): Promise<void> {
  await tx.insert(sops).values({
    orgId: sop.orgId,
    id: sop.id,
    title: sop.title,
    category: sop.category,
    ownerId: sop.ownerId ?? null,
    reviewIntervalDays: sop.reviewIntervalDays ?? 90,
    status: 'draft',
  });
}

/** Takes the organisation's next pull cursor; the row lock serialises publishes until commit. */
async function nextSyncCursor(tx: Transaction, orgId: string): Promise<number> {
  const [bumped] = await tx
    .update(orgs)
    .set({ syncCounter: sql`${orgs.syncCounter} + 1` })
    .where(eq(orgs.id, orgId))
    .returning({ syncCounter: orgs.syncCounter });
  if (!bumped) throw new Error(`organisation ${orgId} does not exist`);
  return bumped.syncCounter;
}

/** Publishes an immutable version and returns the sync cursor it was stamped with. */
export async function publishVersion(tx: Transaction, v: NewVersion): Promise<number> {
  const cursor = await nextSyncCursor(tx, v.orgId);
  const publishedAt = v.publishedAt ?? new Date();
  await tx.insert(sopVersions).values({
    orgId: v.orgId,
    sopId: v.sopId,
    version: v.version,
    content: v.content,
    changeNote: v.changeNote,
    publishedAt,
    publishedBy: v.publishedBy ?? null,
    syncCursor: cursor,
  });
  // Publishing counts as a review: the review clock restarts from this version.
  await tx
    .update(sops)
    .set({ status: 'published', lastReviewedAt: publishedAt, updatedAt: publishedAt })
    .where(and(eq(sops.orgId, v.orgId), eq(sops.id, v.sopId)));
  return cursor;
}

/**
 * Makes devices pull a SOP again after a change of its own fields (archived, unarchived):
 * pull serves a version with its SOP's current row, so giving the latest version a new
 * cursor delivers the change. The content stays as published; only the cursor moves.
 * Returns the new cursor, or null when the SOP has no version (devices never saw it).
 */
export async function restampLatestVersion(tx: Transaction, orgId: string, sopId: string): Promise<number | null> {
  const [latest] = await tx
    .select({ version: sopVersions.version })
    .from(sopVersions)
    .where(and(eq(sopVersions.orgId, orgId), eq(sopVersions.sopId, sopId)))
    .orderBy(desc(sopVersions.version))
    .limit(1);
  if (!latest) return null;
  const cursor = await nextSyncCursor(tx, orgId);
  await tx
    .update(sopVersions)
    .set({ syncCursor: cursor })
    .where(and(eq(sopVersions.orgId, orgId), eq(sopVersions.sopId, sopId), eq(sopVersions.version, latest.version)));
  return cursor;
}
