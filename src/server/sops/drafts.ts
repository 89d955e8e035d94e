/**
 * Drafts and their optimistic version check.
 *
 * A save names the revision it was based on. The write is one conditional statement —
 * `UPDATE … SET revision = revision + 1 WHERE revision = $based` (or, for revision 0,
 * `INSERT … ON CONFLICT DO NOTHING`) — so of two authors saving from the same revision
 * exactly one wins, on PGlite as on a PostgreSQL cluster, without holding a lock across
 * requests. The loser gets `conflict` with the current draft to show what changed.
 *
 * A SOP that has no draft row (published by the seed or an import) shows its latest
 * version as revision 0; the first save creates the row.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DraftEnvelope } from '../../shared/sop-api.ts';
import { type SopDraft, draftFromVersion } from '../../shared/sop-draft.ts';
import type { Queryable, Transaction } from '../db/connect.ts';
import { sopDrafts } from '../db/schema-authoring.ts';
import { sops, sopVersions } from '../db/schema.ts';

export type SaveResult =
  | { status: 'saved'; envelope: DraftEnvelope }
  | { status: 'conflict'; current: DraftEnvelope }
  | { status: 'not_found' };

async function latestVersionOf(db: Queryable, orgId: string, sopId: string) {
  const [latest] = await db
    .select({ version: sopVersions.version, content: sopVersions.content })
    .from(sopVersions)
    .where(and(eq(sopVersions.orgId, orgId), eq(sopVersions.sopId, sopId)))
    .orderBy(desc(sopVersions.version))
    .limit(1);
  return latest ?? null;
}

/** The current draft of a SOP (revision 0 when none was saved yet), or null if no such SOP. */
export async function readDraft(db: Queryable, orgId: string, sopId: string): Promise<DraftEnvelope | null> {
  const [sop] = await db
    .select()
    .from(sops)
    .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)));
  if (!sop) return null;
  const latest = await latestVersionOf(db, orgId, sopId);
  const [row] = await db
    .select()
    .from(sopDrafts)
    .where(and(eq(sopDrafts.orgId, orgId), eq(sopDrafts.sopId, sopId)));
  if (row) {
    return {
      sopId,
      revision: row.revision,
      draft: row.draft,
      updatedAt: row.updatedAt.getTime(),
      updatedBy: row.updatedBy,
      latestVersion: latest?.version ?? null,
    };
  }
  // Only a published SOP lacks a draft row (creation always writes one).
  if (!latest) return null;
  return {
    sopId,
    revision: 0,
    draft: draftFromVersion(sop, latest.content),
    updatedAt: null,
    updatedBy: null,
    latestVersion: latest.version,
  };
}

/** Saves `draft` if `basedOn` is still the current revision. */
export async function saveDraft(
  db: Queryable,
  orgId: string,
  sopId: string,
  input: { basedOn: number; draft: SopDraft; author: string | null },
): Promise<SaveResult> {
  const now = new Date();
  const values = { draft: input.draft, updatedAt: now, updatedBy: input.author };
  const written =
    input.basedOn === 0
      ? await insertFirstDraft(db, orgId, sopId, values)
      : await db
          .update(sopDrafts)
          .set({ ...values, revision: input.basedOn + 1 })
          .where(and(eq(sopDrafts.orgId, orgId), eq(sopDrafts.sopId, sopId), eq(sopDrafts.revision, input.basedOn)))
          .returning({ revision: sopDrafts.revision });
  const current = await readDraft(db, orgId, sopId);
  if (!current) return { status: 'not_found' };
  if (written.length === 0) return { status: 'conflict', current };
  return { status: 'saved', envelope: current };
}

async function insertFirstDraft(
  db: Queryable,
  orgId: string,
  sopId: string,
  values: { draft: SopDraft; updatedAt: Date; updatedBy: string | null },
) {
  const [sop] = await db
    .select({ id: sops.id })
    .from(sops)
    .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)));
  if (!sop) return [];
  // The seed's versions were published without a draft: revision 0 is that version.
  return db
    .insert(sopDrafts)
    .values({ orgId, sopId, ...values, revision: 1, publishedRevision: 0 })
    .onConflictDoNothing()
    .returning({ revision: sopDrafts.revision });
}

/** Writes the first draft row of a SOP created by the editor or an import. */
export async function insertDraft(
  tx: Transaction,
  row: { orgId: string; sopId: string; draft: SopDraft; author: string | null; publishedRevision: number | null },
): Promise<void> {
  await tx.insert(sopDrafts).values({
    orgId: row.orgId,
    sopId: row.sopId,
    draft: row.draft,
    revision: 1,
    publishedRevision: row.publishedRevision,
    updatedBy: row.author,
  });
}
