/**
 * Reading the SOP library of an organisation: each SOP with its status, latest version,
 * last update and review due date. Review due = last review + review interval, counted
 * only for published SOPs (a draft is not in use; an archived SOP is no longer run), and
 * overdue = now > due (design.md, "SOP health"). Overdue SOPs come first, most overdue
 * first, then the others by next review date, then never-published drafts by last update.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FullVersion, SopDetail, SopSummary, VersionMeta } from '../../shared/sop-api.ts';
import type { Queryable } from '../db/connect.ts';
import { sopDrafts, sopReviews } from '../db/schema-authoring.ts';
import { sops, sopVersions } from '../db/schema.ts';

const DAY_MS = 24 * 3600 * 1000;

const latestVersions = (db: Queryable, orgId: string) =>
  db
    .select({
      sopId: sopVersions.sopId,
      latestVersion: sql<number>`max(${sopVersions.version})`.mapWith(Number).as('latest_version'),
      lastPublishedAt: sql<Date>`max(${sopVersions.publishedAt})`.mapWith(sopVersions.publishedAt).as('last_published'),
    })
    .from(sopVersions)
    .where(eq(sopVersions.orgId, orgId))
    .groupBy(sopVersions.sopId)
    .as('latest');

type Row = Awaited<ReturnType<typeof selectSummaries>>[number];

function selectSummaries(db: Queryable, orgId: string, sopId?: string) {
  const latest = latestVersions(db, orgId);
  return db
    .select({
      sop: sops,
      draft: sopDrafts,
      latestVersion: latest.latestVersion,
      lastPublishedAt: latest.lastPublishedAt,
    })
    .from(sops)
    .leftJoin(latest, eq(latest.sopId, sops.id))
    .leftJoin(sopDrafts, and(eq(sopDrafts.orgId, sops.orgId), eq(sopDrafts.sopId, sops.id)))
    .where(sopId ? and(eq(sops.orgId, orgId), eq(sops.id, sopId)) : eq(sops.orgId, orgId));
}

function toSummary(row: Row, now: number): SopSummary {
  const { sop, draft } = row;
  const lastReviewedAt = sop.lastReviewedAt?.getTime() ?? null;
  const reviewDueAt =
    sop.status === 'published' && lastReviewedAt !== null ? lastReviewedAt + sop.reviewIntervalDays * DAY_MS : null;
  const latestVersion = row.latestVersion ?? null;
  const updatedAt = Math.max(sop.updatedAt.getTime(), draft?.updatedAt.getTime() ?? 0);
  return {
    id: sop.id,
    title: draft?.draft.title ?? sop.title,
    category: draft?.draft.category ?? sop.category,
    status: sop.status,
    ownerName: draft?.draft.ownerName ?? null,
    latestVersion,
    lastPublishedAt: row.lastPublishedAt ? new Date(row.lastPublishedAt).getTime() : null,
    updatedAt,
    reviewIntervalDays: sop.reviewIntervalDays,
    lastReviewedAt,
    reviewDueAt,
    overdue: reviewDueAt !== null && now > reviewDueAt,
    hasDraftChanges: draft ? draft.revision !== draft.publishedRevision : latestVersion === null,
  };
}

/** Overdue first (most overdue first), then by review due date, then drafts by last update. */
export function compareSummaries(a: SopSummary, b: SopSummary): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const dueA = a.reviewDueAt ?? Number.POSITIVE_INFINITY;
  const dueB = b.reviewDueAt ?? Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return b.updatedAt - a.updatedAt;
}

export async function listSopSummaries(db: Queryable, orgId: string, now: number): Promise<SopSummary[]> {
  const rows = await selectSummaries(db, orgId);
  return rows.map((r) => toSummary(r, now)).sort(compareSummaries);
}

export async function readSopSummary(
  db: Queryable,
  orgId: string,
  sopId: string,
  now: number,
): Promise<SopSummary | null> {
  const [row] = await selectSummaries(db, orgId, sopId);
  return row ? toSummary(row, now) : null;
}

const versionScope = (orgId: string, sopId: string) => and(eq(sopVersions.orgId, orgId), eq(sopVersions.sopId, sopId));

function toMeta(v: typeof sopVersions.$inferSelect): VersionMeta {
  return {
    version: v.version,
    publishedAt: v.publishedAt.getTime(),
    publishedBy: v.publishedBy,
    changeNote: v.changeNote,
    stepCount: v.content.steps.length,
  };
}

/** A SOP with every version's metadata (newest first) and its reviews (newest first). */
export async function readSopDetail(
  db: Queryable,
  orgId: string,
  sopId: string,
  now: number,
): Promise<SopDetail | null> {
  const sop = await readSopSummary(db, orgId, sopId, now);
  if (!sop) return null;
  const versions = await db
    .select()
    .from(sopVersions)
    .where(versionScope(orgId, sopId))
    .orderBy(desc(sopVersions.version));
  const reviews = await db
    .select({ reviewedAt: sopReviews.reviewedAt, reviewedBy: sopReviews.reviewedBy })
    .from(sopReviews)
    .where(and(eq(sopReviews.orgId, orgId), eq(sopReviews.sopId, sopId)))
    .orderBy(desc(sopReviews.reviewedAt));
  return {
    sop,
    versions: versions.map(toMeta),
    reviews: reviews.map((r) => ({ reviewedAt: r.reviewedAt.getTime(), reviewedBy: r.reviewedBy })),
  };
}

export async function readVersion(
  db: Queryable,
  orgId: string,
  sopId: string,
  version: number,
): Promise<FullVersion | null> {
  const [row] = await db
    .select()
    .from(sopVersions)
    .where(and(versionScope(orgId, sopId), eq(sopVersions.version, version)));
  return row ? { ...toMeta(row), content: row.content } : null;
}

/** Every version in order, oldest first (export). */
export async function readAllVersions(db: Queryable, orgId: string, sopId: string) {
  return db.select().from(sopVersions).where(versionScope(orgId, sopId)).orderBy(asc(sopVersions.version));
}

/** Whether the organisation has a SOP with this id (in any status). */
export async function sopExists(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: sops.id })
    .from(sops)
    .where(and(eq(sops.orgId, orgId), eq(sops.id, id)));
  return row !== undefined;
}
