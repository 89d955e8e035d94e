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
import type { Role } from '../../shared/auth.ts';
import { type CheckedEvent, rejected } from './event-check.ts';
import type { RunStart } from './run-starts.ts';

/** The signed-in member pushing the batch. */
export interface Pusher {
  userId: string;
  role: Role;
}

/** Judges the batch against the stored starts of its runs (run-starts.ts); pure. */
export function checkRunOwners(
  pusher: Pusher,
  checked: CheckedEvent[],
  stored: ReadonlyMap<string, RunStart>,
): CheckedEvent[] {
  const owners = new Map([...stored].map(([runId, start]) => [runId, start.userId]));
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
