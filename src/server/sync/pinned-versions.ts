/**
 * The SOP versions a push's runs are pinned to, read once per push: ingest reads those
 * named by the batch's run_started events (to reject unknown ones), derivation reuses them
 * (the content, to summarise) and completes them with any version of a run started in an
 * earlier push, and the clock check reuses their publication times. Only the exact
 * (sop, version) pairs asked for are read, never every version of a SOP.
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
 * `known` completed with the versions of `wanted` it lacks, in one query (none when it
 * lacks nothing). Version numbers travel as int8: one beyond int4 (a device may send
 * anything its schema allows) reads as unknown instead of failing the query.
 */
export async function readPinnedVersions(
  tx: Transaction,
  orgId: string,
  wanted: Iterable<VersionRef>,
  known: PinnedVersions = new Map(),
): Promise<PinnedVersions> {
  const missing = new Map<string, VersionRef>();
  for (const ref of wanted) {
    const key = versionKey(ref.sopId, ref.version);
    if (!known.has(key)) missing.set(key, ref);
  }
  if (missing.size === 0) return known;
  const refs = [...missing.values()];
  const rows = await queryRows(tx, sql`select ${VERSION_COLUMNS} from ${versionsNamedBy(orgId, refs)}`);
  const versions = new Map(known);
  for (const row of rows) addVersion(versions, row);
  return versions;
}

/** The columns of a version row as addVersion reads them (`v` is sop_versions). */
const VERSION_COLUMNS = sql`v.sop_id, v.version, v.content,
  floor(extract(epoch from v.published_at) * 1000)::float8 as published_ms`;

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
export function addVersion(versions: Map<string, PinnedVersion>, row: Row): void {
  const sopId = str(row.sop_id);
  const version = int(row.version);
  versions.set(versionKey(sopId, version), {
    sopId,
    version,
    content: row.content as SopVersionContent,
    publishedAt: int(row.published_ms),
  });
}
