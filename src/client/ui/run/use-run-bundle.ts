/**
 * The run screen's data on a long run, read incrementally. A live query watches the run's
 * small derived row (recordEvents rewrites it with every event, in this tab or another);
 * each time it changes, only the events after the last one held are read and appended.
 * Events are immutable and numbered by `seq` without gaps, so the list held always equals
 * the stored one — without reading 600 events back after every tap of a 200-step run.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type LiveResult, useLiveQuery } from '../../db/live.ts';
import { getRunEventsAfter, loadRunHead, type RunBundle } from '../../db/runs.ts';
import type { EventRow } from '../../db/types.ts';

export function useRunBundle(runId: string): LiveResult<RunBundle | null> {
  const head = useLiveQuery(() => loadRunHead(runId), [runId]);
  const [result, setResult] = useState<LiveResult<RunBundle | null>>({ status: 'loading' });
  const held = useRef<{ runId: string; events: EventRow[] }>({ runId, events: [] });
  // Reads run one after another, so two quick changes never append the same events twice.
  const queue = useRef<Promise<void>>(Promise.resolve());

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
        const events = held.current.events;
        const fresh = await getRunEventsAfter(runId, events.at(-1)?.seq ?? -1);
        if (fresh.length > 0) held.current = { runId, events: [...events, ...fresh] };
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
