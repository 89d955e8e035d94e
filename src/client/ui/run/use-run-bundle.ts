/**
 * The run screen's data on a long run, read incrementally. A live query watches the run's
 * small derived row (recordEvents rewrites it with every event, in this tab or another);
 * each time it changes, only the events after the last one held are read and appended.
 * Events are immutable and numbered by `seq` without gaps, so the list held always equals
 * the stored one — without reading 600 events back after every tap of a 200-step run.
 *
 * A tap made in this tab is shown at once from what recordEvents committed (onRecorded),
 * without waiting for the live query to read it back; when the live query then wakes for
 * that same write it finds nothing new and leaves the screen alone, so a tap renders the
 * run screen once, not twice.
 */
import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveResult } from '../../db/live.ts';
import { onRecorded } from '../../db/record.ts';
import { getRunEventsAfter, loadRunHead, type RunBundle, type RunHead } from '../../db/runs.ts';
import type { EventRow } from '../../db/types.ts';

export function useRunBundle(runId: string): LiveResult<RunBundle | null> {
  const [result, setResult] = useState<LiveResult<RunBundle | null>>({ status: 'loading' });
  const held = useRef<{ runId: string; events: EventRow[] }>({ runId, events: [] });
  const shown = useRef<RunHead | null>(null);

  useEffect(
    () =>
      onRecorded((id, events, run) => {
        const head = shown.current;
        const { events: heldEvents } = held.current;
        // Only a direct continuation of what is held; anything else waits for the live query.
        if (id !== runId || !head || held.current.runId !== runId) return;
        if (events[0]?.seq !== (heldEvents.at(-1)?.seq ?? -1) + 1) return;
        const appended = [...heldEvents, ...events.map((e): EventRow => ({ ...e, sync: 'pending' }))];
        held.current = { runId, events: appended };
        shown.current = { ...head, run };
        setResult({ status: 'ready', value: { ...head, run, events: appended } });
      }),
    [runId],
  );

  useEffect(() => {
    setResult({ status: 'loading' });
    held.current = { runId, events: [] };
    shown.current = null;
    let live = true;
    // Reads run one after another, so two quick changes never append the same events twice.
    let queue = Promise.resolve();
    const catchUp = async (current: RunHead | null) => {
      if (!current) {
        shown.current = null;
        if (live) setResult({ status: 'ready', value: null });
        return;
      }
      const lastHeld = held.current.events.at(-1)?.seq ?? -1;
      // The row's fold tells its last seq: when this tab already holds it (its own tap,
      // shown through onRecorded) there is nothing to read, and no read transaction to
      // hold up the next tap's write.
      const read = current.run.fold?.lastSeq === lastHeld ? [] : await getRunEventsAfter(runId, lastHeld);
      // A tap of this tab may have been appended (onRecorded) while the read was running.
      const events = held.current.events;
      const fresh = read.filter((e) => e.seq > (events.at(-1)?.seq ?? -1));
      if (fresh.length > 0) held.current = { runId, events: [...events, ...fresh] };
      // Nothing new since the screen last showed this run (a tap of this tab, already shown).
      const before = shown.current;
      const same =
        before?.run.updatedAt === current.run.updatedAt &&
        before.version === current.version &&
        before.sop === current.sop;
      if (fresh.length === 0 && same) return;
      shown.current = current;
      if (live) setResult({ status: 'ready', value: { ...current, events: held.current.events } });
    };
    const subscription = liveQuery(() => loadRunHead(runId, shown.current)).subscribe({
      next: (current) => {
        queue = queue
          .then(() => catchUp(current))
          .catch((error: unknown) => {
            if (live) setResult({ status: 'error', error });
          });
      },
      error: (error: unknown) => {
        if (live) setResult({ status: 'error', error });
      },
    });
    return () => {
      live = false;
      subscription.unsubscribe();
    };
  }, [runId]);

  return result;
}
