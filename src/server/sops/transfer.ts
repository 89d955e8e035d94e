/**
 * JSON export and import of a SOP with all its versions (format: shared/sop-export.ts).
 *
 * Import runs only on a file that passed the shared schema, and writes everything in one
 * transaction: the SOP under a new id, each version through publishVersion (so each gets
 * a pull cursor, in order), the review date, the owner and any unpublished draft. A file
 * with problems writes nothing. Exporting what was imported gives back the same file.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { draftFromVersion } from '../../shared/sop-draft.ts';
import { SOP_EXPORT_FORMAT, SOP_EXPORT_VERSION, type SopExport } from '../../shared/sop-export.ts';
import type { Database, Queryable } from '../db/connect.ts';
import { sopDrafts } from '../db/schema-authoring.ts';
import { sops } from '../db/schema.ts';
import { insertDraft } from './drafts.ts';
import { createSop, publishVersion } from './publish.ts';
import { readAllVersions } from './read.ts';

export async function exportSop(db: Queryable, orgId: string, sopId: string, now: number): Promise<SopExport | null> {
  const [sop] = await db
    .select()
    .from(sops)
    .where(and(eq(sops.orgId, orgId), eq(sops.id, sopId)));
  if (!sop) return null;
  const [draftRow] = await db
    .select()
    .from(sopDrafts)
    .where(and(eq(sopDrafts.orgId, orgId), eq(sopDrafts.sopId, sopId)));
  const versions = await readAllVersions(db, orgId, sopId);
  const unpublished = draftRow && draftRow.revision !== draftRow.publishedRevision;
  return {
    format: SOP_EXPORT_FORMAT,
    formatVersion: SOP_EXPORT_VERSION,
    exportedAt: now,
    sop: {
      title: sop.title,
      category: sop.category,
      ownerName: draftRow?.draft.ownerName ?? null,
      reviewIntervalDays: sop.reviewIntervalDays,
      status: sop.status,
      lastReviewedAt: sop.lastReviewedAt?.getTime() ?? null,
    },
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt.getTime(),
      publishedBy: v.publishedBy,
      changeNote: v.changeNote,
      content: v.content,
    })),
    draft: unpublished && draftRow ? draftRow.draft : null,
  };
}

/** Imports a validated file as a new SOP of `orgId`; returns its id. */
export async function importSop(db: Database, orgId: string, file: SopExport): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await createSop(tx, {
      orgId,
      id,
      title: file.sop.title,
      category: file.sop.category,
      reviewIntervalDays: file.sop.reviewIntervalDays,
    });
    for (const v of file.versions) {
      await publishVersion(tx, {
        orgId,
        sopId: id,
        version: v.version,
        content: v.content,
        changeNote: v.changeNote,
        publishedBy: v.publishedBy,
        publishedAt: new Date(v.publishedAt),
      });
    }
    // publishVersion marks the SOP published and reviewed at each publish; the file's own
    // status and review date are the truth.
    await tx
      .update(sops)
      .set({
        status: file.sop.status,
        lastReviewedAt: file.sop.lastReviewedAt === null ? null : new Date(file.sop.lastReviewedAt),
      })
      .where(and(eq(sops.orgId, orgId), eq(sops.id, id)));
    const latest = file.versions[file.versions.length - 1];
    const draft = file.draft
      ? { ...file.draft, ownerName: file.sop.ownerName }
      : latest
        ? draftFromVersion(file.sop, latest.content, file.sop.ownerName)
        : null;
    if (draft) {
      await insertDraft(tx, { orgId, sopId: id, draft, author: null, publishedRevision: file.draft ? null : 1 });
    }
  });
  return id;
}
