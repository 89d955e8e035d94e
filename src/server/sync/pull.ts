/**
 * Pull: the published SOP versions of an organisation after a client's cursor.
 *
 * The cursor is the `sync_cursor` of the last version the client holds (see
 * sops/publish.ts); it travels as a decimal string so that clients treat it as opaque.
 * Pages are ordered by cursor; one extra row is read to know whether more follow.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { PulledSopVersion } from '../../shared/sync.ts';
import type { Queryable } from '../db/connect.ts';
import { sops, sopVersions } from '../db/schema.ts';

export const DEFAULT_PULL_LIMIT = 50;
export const MAX_PULL_LIMIT = 200;

const decimal = (max: number) =>
  z.string().check(
    z.regex(/^\d{1,16}$/, { message: 'expected a non-negative integer', abort: true }),
    z.refine((s) => Number(s) <= max, `at most ${max}`),
  );

/** The pull query string: cursor (default "0") and page size (default 50, at most 200). */
export const PullQuery = z.object({
  cursor: z.optional(decimal(Number.MAX_SAFE_INTEGER)),
  limit: z.optional(decimal(MAX_PULL_LIMIT).check(z.refine((s) => Number(s) >= 1, 'at least 1'))),
});
export type PullQuery = z.infer<typeof PullQuery>;

export interface PullPage {
  items: PulledSopVersion[];
  cursor: string;
  hasMore: boolean;
}

const epochMs = (d: Date | null) => (d === null ? null : d.getTime());

export async function pullVersions(db: Queryable, orgId: string, after: number, limit: number): Promise<PullPage> {
  const rows = await db
    .select({ sop: sops, version: sopVersions })
    .from(sopVersions)
    .innerJoin(sops, and(eq(sops.orgId, sopVersions.orgId), eq(sops.id, sopVersions.sopId)))
    .where(and(eq(sopVersions.orgId, orgId), gt(sopVersions.syncCursor, after)))
    .orderBy(asc(sopVersions.syncCursor))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const items = page.map(({ sop, version }) => ({
    sop: {
      id: sop.id,
      orgId: sop.orgId,
      title: sop.title,
      category: sop.category,
      ownerId: sop.ownerId,
      reviewIntervalDays: sop.reviewIntervalDays,
      status: sop.status,
      lastReviewedAt: epochMs(sop.lastReviewedAt),
    },
    version: {
      sopId: version.sopId,
      orgId: version.orgId,
      version: version.version,
      publishedAt: version.publishedAt.getTime(),
      publishedBy: version.publishedBy,
      changeNote: version.changeNote,
      content: version.content,
    },
  }));
  const last = page[page.length - 1];
  return { items, cursor: String(last ? last.version.syncCursor : after), hasMore: rows.length > limit };
}
