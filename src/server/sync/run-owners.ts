/**
 * Who may push a run's events: the member the run belongs to, or an owner of the
 * organisation (who may do everything, e.g. sync a shared device or import runs of people
 * who have no account). A run belongs to the user its run_started names; a technician or
 * an author may only name themselves. Any other event of a run that already belongs to
 * someone else is refused `forbidden` and dead-lettered, never stored. The organisation
 * itself is the pusher's: every query of the push runs in its tenant scope.
 *
 * An event whose run the server has never seen started (its run_started was lost or
 * refused) cannot be attributed and is accepted as before; its run never gets derived
 * rows until a valid run_started arrives, which is checked here like any other.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../shared/auth.ts';
import type { Queryable } from '../db/connect.ts';
import { runs } from '../db/schema.ts';
import { type CheckedEvent, rejected } from './event-check.ts';

/** The signed-in member pushing the batch. */
export interface Pusher {
  userId: string;
  role: Role;
}

async function storedOwners(db: Queryable, orgId: string, runIds: string[]): Promise<Map<string, string>> {
  if (runIds.length === 0) return new Map();
  const rows = await db
    .select({ id: runs.id, userId: runs.userId })
    .from(runs)
    // One array parameter, not one parameter per id (a batch names up to 500 runs).
    .where(and(eq(runs.orgId, orgId), sql`${runs.id} = any(${sql.param(runIds)}::uuid[])`));
  return new Map(rows.map((r) => [r.id, r.userId]));
}

export async function checkRunOwners(
  db: Queryable,
  orgId: string,
  pusher: Pusher,
  checked: CheckedEvent[],
): Promise<CheckedEvent[]> {
  const valid = checked.flatMap((c) => (c.ok ? [c] : []));
  const owners = await storedOwners(db, orgId, [...new Set(valid.map((c) => c.event.runId))]);
  const mayAct = (userId: string) => userId === pusher.userId || pusher.role === 'owner';

  const judged = checked.map((c) => {
    if (!c.ok || c.event.type !== 'run_started' || mayAct(c.event.payload.userId)) return c;
    return rejected(c.id, 'forbidden', 'run_started names another user than the signed-in member');
  });
  // A run whose start was forged is refused whole: none of its events may be stored.
  const forgedRuns = new Set<string>();
  judged.forEach((c, i) => {
    const original = checked[i];
    if (!c.ok && original?.ok && original.event.type === 'run_started') forgedRuns.add(original.event.runId);
    if (c.ok && c.event.type === 'run_started' && !owners.has(c.event.runId)) {
      owners.set(c.event.runId, c.event.payload.userId);
    }
  });
  return judged.map((c) => {
    if (!c.ok) return c;
    if (forgedRuns.has(c.event.runId)) return rejected(c.id, 'forbidden', 'this run was started for another user');
    const owner = owners.get(c.event.runId);
    if (owner === undefined || owner === pusher.userId || pusher.role === 'owner') return c;
    return rejected(c.id, 'forbidden', 'this run belongs to another member');
  });
}
