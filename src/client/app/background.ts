/**
 * The page's background work, started after the first paint: who the session belongs to
 * (GET /api/auth/me), the sync loop, the clock-jump watch, storage-full reporting, the
 * service worker and one request for persistent storage per device. Returns what stops
 * it (an old tab before an upgrade).
 */
import { refreshAccount } from '../auth/me-refresh.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { onLocalWrite, onStorageFailure } from '../db/record.ts';
import { recordClockJump, watchClock } from '../run/clock.ts';
import { startSyncLoop } from '../sync/engine.ts';
import { getSyncRuntime, updateSyncRuntime } from '../sync/status.ts';
import { registerServiceWorker, requestPersistentStorage } from './sw-bridge.ts';

export function startBackgroundWork(): () => void {
  const stops = [
    startSyncLoop(),
    watchClock({ record: recordClockJump }),
    onStorageFailure(() => updateSyncRuntime({ storageFull: { at: Date.now() } })),
    onLocalWrite(() => {
      if (getSyncRuntime().storageFull) updateSyncRuntime({ storageFull: null });
    }),
  ];
  void refreshAccount().catch(() => undefined);
  registerServiceWorker();
  void getMeta<boolean>('persistAsked').then(async (asked) => {
    if (await requestPersistentStorage(asked === true)) await setMeta('persistAsked', true);
  });
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}
