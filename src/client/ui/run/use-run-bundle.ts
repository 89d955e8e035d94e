/**
 * The run screen's data on a long run, read incrementally. A live query watches the run's
 * small derived row (recordEvents rewrites it with every event, in this tab or another);
 * each time it changes, only the events after the last one held are read and appended.
 * Events are immutable and numbered by `seq` without gaps, so the list held always equals
 * the stored one — without reading 600 events back after every tap of a 200-step run.
 * A tap made in this tab is shown at once from what recordEvents committed (onRecorded),
 * without waiting for the live query to read it back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type LiveResult, useLiveQuery } from '../../db/live.ts';
import { onRecorded } from '../../db/record.ts';
import { getRunEventsAfter, loadRunHead, type RunBundle, type RunHead } from '../../db/runs.ts';
import type { EventRow } from '../../db/types.ts';

export function useRunBundle(runId: string): LiveResult<RunBundle | null> {
  const head = useLiveQuery(() => loadRunHead(runId), [runId]);
  const [result, setResult] = useState<LiveResult<RunBundle | null>>({ status: 'loading' });
  const held = useRef<{ runId: string; events: EventRow[] }>({ runId, events: [] });
  // Reads run one after another, so two quick changes never append the same events twice.
  const queue = useRef<Promise<void>>(Promise.resolve());
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
    if (head.status !== 'ready') {
      setResult(head.status === 'error' ? head : { status: 'loading' });
      return;
    }
    const current = head.value;
    if (!current) {
      setResult({ status: 'ready', value: null });
      return;
    }
    let live = true;
    queue.current = queue.current
      .then(async () => {
        if (held.current.runId !== runId) held.current = { runId, events: [] };
        const read = await getRunEventsAfter(runId, held.current.events.at(-1)?.seq ?? -1);
        // A tap of this tab may have been appended (onRecorded) while the read was running.
        const events = held.current.events;
        const fresh = read.filter((e) => e.seq > (events.at(-1)?.seq ?? -1));
        if (fresh.length > 0) held.current = { runId, events: [...events, ...fresh] };
        // Nothing new since the screen last showed this run (a tap of this tab, already shown).
        if (fresh.length === 0 && shown.current?.run.updatedAt === current.run.updatedAt) return;
        shown.current = current;
        if (live) setResult({ status: 'ready', value: { ...current, events: held.current.events } });
      })
      .catch((error: unknown) => {
        if (live) setResult({ status: 'error', error });
      });
    return () => {
      live = false;
    };
  }, [head, runId]);

  return result;
}
