/**
 * What the stored run_started of each run says: whose run it is and which SOP version it
 * is pinned to. Read from `run_events` (the truth), never from the derived `runs` rows,
 * which the deriver may not have caught up yet (derive-queue.ts): a run pushed a moment
 * ago already belongs to its member. When a run has several run_started events, the one
 * with the highest sequence wins, as in the fold (shared/fold.ts) that derives the run.
 */
import { type SQL, sql } from 'drizzle-orm';
import { int, queryRows, type Row, str } from '../analytics/sql-rows.ts';
import type { Queryable } from '../db/connect.ts';
import {
  addVersion,
  PUBLISHED_MS,
  type PinnedVersion,
  type PinnedVersions,
  type VersionRef,
  versionsNamedBy,
} from './pinned-versions.ts';

export interface RunStart {
  userId: string;
  sopId: string;
  sopVersion: number;
}

/** The latest stored run_started of each run of `runIds` (a FROM-able query). */
const latestStarts = (orgId: string, runIds: readonly string[]): SQL =>
  sql`select distinct on (run_id) run_id, payload->>'userId' as user_id, payload->>'sopId' as sop_id,
      (payload->>'sopVersion')::float8 as sop_version
    from run_events
    where org_id = ${orgId} and run_id = any(${sql.param([...runIds])}::uuid[]) and type = 'run_started'
    order by run_id, seq desc`;

const startOf = (row: Row): RunStart => ({
  userId: str(row.user_id),
  sopId: str(row.sop_id),
  sopVersion: int(row.sop_version),
});

/** The stored start of each run of `runIds` that has one, by run id (one query). */
export async function storedRunStarts(db: Queryable, orgId: string, runIds: readonly string[]) {
  const starts = new Map<string, RunStart>();
  if (runIds.length === 0) return starts;
  for (const row of await queryRows(db, latestStarts(orgId, runIds))) starts.set(str(row.run_id), startOf(row));
  return starts;
}

export interface RunContext {
  /** The stored start of each run that has one, by run id. */
  starts: Map<string, RunStart>;
  /** The versions `named` and those the stored starts are pinned to (pinned-versions.ts). */
  versions: PinnedVersions;
}

/**
 * What a push needs to judge its events, in one query: the stored starts of its runs and
 * the SOP versions named by its run_started events (`named`) or by those stored starts.
 * A stored start always names an existing version: its run_started was checked on the way in.
 */
export async function readRunContext(
  tx: Queryable,
  orgId: string,
  runIds: readonly string[],
  named: readonly VersionRef[],
): Promise<RunContext> {
  const rows = await queryRows(
    tx,
    sql`with starts as (${latestStarts(orgId, runIds)})
      select 'start' as kind, run_id::text as run_id, user_id, sop_id, sop_version,
        null::jsonb as content, null::float8 as published_ms
      from starts
      union all
      select 'version', null, null, v.sop_id::text, v.version::float8, v.content, ${PUBLISHED_MS}
      from ${versionsNamedBy(orgId, named, sql`select sop_id::uuid, sop_version::int8 from starts`)}`,
  );
  const starts = new Map<string, RunStart>();
  const versions = new Map<string, PinnedVersion>();
  for (const row of rows) {
    if (row.kind === 'start') starts.set(str(row.run_id), startOf(row));
    else addVersion(versions, { ...row, version: row.sop_version });
  }
  return { starts, versions };
}
