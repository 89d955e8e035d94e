/**
 * "This run changed elsewhere": set when a tap was refused because another tab recorded
 * on the same run first (RunChangedError), cleared by the next tap that is stored. The
 * run screen shows it; the live query has already replaced what the screen showed.
 */
import { useEffect, useState } from 'preact/hooks';

let changed = false;
const listeners = new Set<(value: boolean) => void>();

export function setRunChangedNotice(value: boolean): void {
  if (changed === value) return;
  changed = value;
  for (const listener of listeners) listener(value);
}

export function useRunChangedNotice(): boolean {
  const [value, setValue] = useState(changed);
  useEffect(() => {
    setValue(changed);
    listeners.add(setValue);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value;
}
