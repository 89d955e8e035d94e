/**
 * The SOP versions runs are pinned to. A push reads the publication times of those named
 * by its run_started events and by its runs' stored starts (push-context.ts: to reject
 * unknown ones, and for the clock check); derivation reads those of the runs it derives (the content,
 * to summarise). Only the exact (sop, version) pairs asked for are read, never every
 * version of a SOP.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { SopVersionContent } from '../../shared/sop.ts';
import { int, queryRows, type Row, str } from '../analytics/sql-rows.ts';
import type { Transaction } from '../db/connect.ts';

export interface VersionRef {
  sopId: string;
  version: number;
}

export interface PinnedVersion extends VersionRef {
  content: SopVersionContent;
  /** Publication time (epoch ms). */
  publishedAt: number;
}

/** Versions by versionKey; a pair that was asked for and is absent does not exist. */
export type PinnedVersions = ReadonlyMap<string, PinnedVersion>;

export const versionKey = (sopId: string, version: number) => `${sopId}@${version}`;

/**
 * The versions of `wanted` that exist in the organisation, in one query (none when nothing
 * is wanted). Version numbers travel as int8: one beyond int4 (a device may send anything
 * its schema allows) reads as unknown instead of failing the query.
 */
export async function readPinnedVersions(
  tx: Transaction,
  orgId: string,
  wanted: Iterable<VersionRef>,
): Promise<PinnedVersions> {
  const refs = new Map<string, VersionRef>();
  for (const ref of wanted) refs.set(versionKey(ref.sopId, ref.version), ref);
  const versions = new Map<string, PinnedVersion>();
  if (refs.size === 0) return versions;
  const rows = await queryRows(tx, sql`select ${VERSION_COLUMNS} from ${versionsNamedBy(orgId, [...refs.values()])}`);
  for (const row of rows) addVersion(versions, row);
  return versions;
}

/** A version's publication time in epoch ms (`v` is sop_versions). */
export const PUBLISHED_MS = sql`floor(extract(epoch from v.published_at) * 1000)::float8`;

/** The columns of a version row as addVersion reads them. */
const VERSION_COLUMNS = sql`v.sop_id, v.version, v.content, ${PUBLISHED_MS} as published_ms`;

/**
 * `sop_versions v` joined to the (sop, version) pairs of `refs` and of the optional
 * `alsoWanted` query (which selects sop_id uuid, version int8), as a FROM item.
 */
export const versionsNamedBy = (orgId: string, refs: readonly VersionRef[], alsoWanted?: SQL): SQL =>
  sql`sop_versions v
    join (select * from unnest(${sql.param(refs.map((r) => r.sopId))}::uuid[], ${sql.param(refs.map((r) => r.version))}::int8[])
      as named(sop_id, version)${alsoWanted ? sql` union ${alsoWanted}` : sql``}) as wanted
      on wanted.sop_id = v.sop_id and wanted.version = v.version
    where v.org_id = ${orgId}`;

/** Adds a row selected with VERSION_COLUMNS to `versions`. */
function addVersion(versions: Map<string, PinnedVersion>, row: Row): void {
  const sopId = str(row.sop_id);
  const version = int(row.version);
  versions.set(versionKey(sopId, version), {
    sopId,
    version,
    content: row.content as SopVersionContent,
    publishedAt: int(row.published_ms),
  });
}
