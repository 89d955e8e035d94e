/**
 * Runs an async action from a tap while keeping the control disabled until it settles,
 * so a double tap with gloves on records one event, not two. A tap refused because the
 * run changed in another tab (RunChangedError) is reported to the run screen instead of
 * failing: nothing was stored and the screen already shows the run as it now is.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { RunChangedError } from '../db/record.ts';
import { setRunChangedNotice } from './run/run-changed.ts';

export function useAction(): [busy: boolean, run: (action: () => Promise<unknown>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      await action();
      setRunChangedNotice(false);
    } catch (error) {
      if (!(error instanceof RunChangedError)) throw error;
      setRunChangedNotice(true);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return [busy, run];
}
