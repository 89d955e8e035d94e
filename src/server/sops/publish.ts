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
import { and, eq, sql } from 'drizzle-orm';
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

/** Publishes an immutable version and returns the sync cursor it was stamped with. */
export async function publishVersion(tx: Transaction, v: NewVersion): Promise<number> {
  const [bumped] = await tx
    .update(orgs)
    .set({ syncCounter: sql`${orgs.syncCounter} + 1` })
    .where(eq(orgs.id, v.orgId))
    .returning({ syncCounter: orgs.syncCounter });
  if (!bumped) throw new Error(`organisation ${v.orgId} does not exist`);
  const publishedAt = v.publishedAt ?? new Date();
  await tx.insert(sopVersions).values({
    orgId: v.orgId,
    sopId: v.sopId,
    version: v.version,
    content: v.content,
    changeNote: v.changeNote,
    publishedAt,
    publishedBy: v.publishedBy ?? null,
    syncCursor: bumped.syncCounter,
  });
  // Publishing counts as a review: the review clock restarts from this version.
  await tx
    .update(sops)
    .set({ status: 'published', lastReviewedAt: publishedAt, updatedAt: publishedAt })
    .where(and(eq(sops.orgId, v.orgId), eq(sops.id, v.sopId)));
  return bumped.syncCounter;
}
