/**
 * Screen Wake Lock while a run is open: a technician reading instructions with gloves on
 * must not find a dark, locked phone between two taps. Where the API exists the lock is
 * requested when the run screen mounts; the browser drops it whenever the page is hidden,
 * so it is requested again when the page becomes visible; it is released when the screen
 * unmounts. Refusals (battery saver, no user activation yet) are harmless and ignored.
 */
import { useEffect } from 'preact/hooks';

export function useWakeLock(active: boolean): void {
  useEffect(() => {
    const wakeLock = typeof navigator === 'undefined' ? undefined : navigator.wakeLock;
    if (!active || !wakeLock) return;
    let sentinel: WakeLockSentinel | null = null;
    let released = false;
    const acquire = async () => {
      if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      const next = await wakeLock.request('screen').catch(() => null);
      if (released) void next?.release();
      else sentinel = next;
    };
    const onVisibility = () => void acquire();
    void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      released = true;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release().catch(() => undefined);
    };
  }, [active]);
}

/** A short buzz that confirms a flag was recorded, where the device can vibrate. */
export function buzz(): void {
  if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate(200);
}
