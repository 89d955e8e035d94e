/**
 * The object-level rule behind "a technician sees their own runs": authors and owners see
 * every run of the organisation, a technician only runs they did. A run someone may not
 * see answers 404, exactly like a run that does not exist (no hint that it does).
 */
import type { SessionUser } from '../auth/sessions.ts';
import type { Queryable } from '../db/connect.ts';
import { storedRunStarts } from '../sync/run-starts.ts';

export const seesEveryRun = (user: SessionUser): boolean => user.role !== 'technician';

/** The member the run belongs to, or null when the server has not seen it start. */
export async function runOwner(db: Queryable, orgId: string, runId: string): Promise<string | null> {
  return (await storedRunStarts(db, orgId, [runId])).get(runId)?.userId ?? null;
}

/** Whether `user` may see run `runId` (and its photos). */
export async function maySeeRun(db: Queryable, user: SessionUser, runId: string): Promise<boolean> {
  return seesEveryRun(user) || (await runOwner(db, user.orgId, runId)) === user.userId;
}
