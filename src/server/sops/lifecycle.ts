/**
 * A SOP's life: created as a draft, published as versions 1, 2, 3…, reviewed, archived
 * and brought back. Each operation is one transaction.
 *
 * Publishing locks the draft row (`FOR UPDATE`), checks the revision the author saw is
 * still current (else `conflict`: they would publish something they have not read), holds
 * the draft to the strict shared schemas, then writes version n+1 through publishVersion,
 * which bumps the organisation's sync cursor in the same transaction. The draft keeps its
 * step ids, so version n+1 compares with version n step by step.
 *
 * Archiving and unarchiving change only the SOP row, so they re-stamp the latest version's
 * cursor: devices pull it again with the new status and hide or show the SOP.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DraftEnvelope } from '../../shared/sop-api.ts';
import { type DraftProblem, type SopDraft, cleanText, publishableContent } from '../../shared/sop-draft.ts';
import type { Database } from '../db/connect.ts';
import { sopDrafts, sopReviews } from '../db/schema-authoring.ts';
import { sops, sopVersions } from '../db/schema.ts';
import { insertDraft, readDraft } from './drafts.ts';
import { createSop, publishVersion, restampLatestVersion } from './publish.ts';

/** Creates a SOP (status draft) holding `draft`; returns its id. */
export async function createSopWithDraft(
  db: Database,
  orgId: string,
  draft: SopDraft,
  author: string | null,
): Promise<string> {
  const id = randomUUID();
  const title = cleanText(draft.title);
  await db.transaction(async (tx) => {
    await createSop(tx, {
      orgId,
      id,
      // A new SOP may not have a title yet; the SOP row needs one, the draft tells the truth.
      title: title.en || title.fr ? title : { en: '—' },
      category: draft.category,
      reviewIntervalDays: validInterval(draft.reviewIntervalDays),
    });
    await insertDraft(tx, { orgId, sopId: id, draft, author, publishedRevision: null });
  });
  return id;
}

const validInterval = (days: number) => (Number.isInteger(days) && days >= 1 && days <= 3650 ? days : 90);

export type PublishResult =
  | { status: 'published'; version: number; revision: number; cursor: number }
  | { status: 'not_found' }
  | { status: 'archived' }
  | { status: 'conflict'; current: DraftEnvelope }
  | { status: 'invalid'; problems: DraftProblem[] };

class Conflict extends Error {}

/** Publishes the draft at `revision` as the next version, with `changeNote`. */
export async function publishDraft(
  db: Database,
  orgId: string,
  sopId: string,
  input: { revision: number; changeNote: string; publishedBy?: string; now?: Date },
): Promise<PublishResult> {
  try {
    return await db.transaction(async (tx) => {
      const [sop] = await tx
        .select()
        .from(sops)
        .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)))
        .for('update');
      if (!sop) return { status: 'not_found' as const };
      if (sop.status === 'archived') return { status: 'archived' as const };
      const envelope = await readDraft(tx, orgId, sopId);
      if (!envelope || envelope.revision !== input.revision) throw new Conflict();
      const publishable = publishableContent(envelope.draft);
      if (!publishable.ok) return { status: 'invalid' as const, problems: publishable.problems };
      const version = (envelope.latestVersion ?? 0) + 1;
      const { draft } = envelope;
      await tx
        .update(sops)
        .set({ title: publishable.title, category: draft.category, reviewIntervalDays: draft.reviewIntervalDays })
        .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)));
      const cursor = await publishVersion(tx, {
        orgId,
        sopId,
        version,
        content: publishable.content,
        changeNote: input.changeNote,
        publishedBy: input.publishedBy ?? null,
        ...(input.now ? { publishedAt: input.now } : {}),
      });
      const revision = Math.max(envelope.revision, 1);
      await tx
        .insert(sopDrafts)
        .values({ orgId, sopId, draft, revision, publishedRevision: revision })
        .onConflictDoUpdate({ target: [sopDrafts.orgId, sopDrafts.sopId], set: { publishedRevision: revision } });
      return { status: 'published' as const, version, revision, cursor };
    });
  } catch (error) {
    if (!(error instanceof Conflict)) throw error;
    const current = await readDraft(db, orgId, sopId);
    return current ? { status: 'conflict', current } : { status: 'not_found' };
  }
}

/** Records a review now: the review interval restarts. Only a published SOP is reviewed. */
export async function markReviewed(
  db: Database,
  orgId: string,
  sopId: string,
  reviewer: string | null,
  now = new Date(),
): Promise<'reviewed' | 'not_found' | 'not_published'> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(sops)
      .set({ lastReviewedAt: now, updatedAt: now })
      .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId), eq(sops.status, 'published')))
      .returning({ id: sops.id });
    if (!updated) {
      const [exists] = await tx
        .select({ id: sops.id })
        .from(sops)
        .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)));
      return exists ? 'not_published' : 'not_found';
    }
    await tx.insert(sopReviews).values({ orgId, sopId, reviewedAt: now, reviewedBy: reviewer });
    return 'reviewed';
  });
}

/** Archives or brings back a SOP, and tells devices through the pull cursor. */
export async function setArchived(
  db: Database,
  orgId: string,
  sopId: string,
  archived: boolean,
): Promise<{ status: 'done'; sopStatus: 'draft' | 'published' | 'archived' } | { status: 'not_found' }> {
  return db.transaction(async (tx) => {
    const [hasVersion] = await tx
      .select({ one: sql<number>`1` })
      .from(sopVersions)
      .where(and(eq(sopVersions.orgId, orgId), eq(sopVersions.sopId, sopId)))
      .limit(1);
    const sopStatus = archived ? 'archived' : hasVersion ? 'published' : 'draft';
    const [updated] = await tx
      .update(sops)
      .set({ status: sopStatus, updatedAt: new Date() })
      .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)))
      .returning({ id: sops.id });
    if (!updated) return { status: 'not_found' as const };
    await restampLatestVersion(tx, orgId, sopId);
    return { status: 'done' as const, sopStatus };
  });
}
