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

export interface RunStart {
  userId: string;
  sopId: string;
  sopVersion: number;
}

/** The latest stored run_started of each run of `runIds` (a FROM-able query). */
export const latestStarts = (orgId: string, runIds: readonly string[]): SQL =>
  sql`select distinct on (run_id) run_id, payload->>'userId' as user_id, payload->>'sopId' as sop_id,
      (payload->>'sopVersion')::float8 as sop_version
    from run_events
    where org_id = ${orgId} and run_id = any(${sql.param([...runIds])}::uuid[]) and type = 'run_started'
    order by run_id, seq desc`;

export const startOf = (row: Row): RunStart => ({
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
