/**
 * Runs an async action from a tap while keeping the control disabled until it settles,
 * so a double tap with gloves on records one event, not two.
 */
import { useCallback, useRef, useState } from 'preact/hooks';

export function useAction(): [busy: boolean, run: (action: () => Promise<unknown>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return [busy, run];
}
