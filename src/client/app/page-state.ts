/**
 * Whether a run is open and in progress on this page. The update prompt reads it: a new
 * app version must never reload the page under a technician in the middle of a run.
 */
import { useEffect, useState } from 'preact/hooks';

let runInProgress = false;
const listeners = new Set<(value: boolean) => void>();

export function setRunInProgressOnPage(value: boolean): void {
  if (runInProgress === value) return;
  runInProgress = value;
  for (const listener of listeners) listener(value);
}

export function isRunInProgressOnPage(): boolean {
  return runInProgress;
}

export function useRunInProgressOnPage(): boolean {
  const [value, setValue] = useState(runInProgress);
  useEffect(() => {
    setValue(runInProgress);
    listeners.add(setValue);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value;
}
