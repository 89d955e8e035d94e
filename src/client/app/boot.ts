/**
 * Page start-up, in order: the upgrade watch (before the database is first opened), the
 * saved locale (so the first paint is in the right language), the device identity, then
 * the background work — sync loop, clock-jump watch, storage-full reporting, service
 * worker, and one request for persistent storage per device.
 */
import { ensureIdentity, getMeta, setMeta } from '../db/meta.ts';
import { onLocalWrite, onStorageFailure } from '../db/record.ts';
import { loadLocale } from '../i18n/index.ts';
import { recordClockJump, watchClock } from '../run/clock.ts';
import { startSyncLoop } from '../sync/engine.ts';
import { getSyncRuntime, updateSyncRuntime } from '../sync/status.ts';
import { watchDatabaseUpgrades } from './db-upgrades.ts';
import { registerServiceWorker, requestPersistentStorage } from './sw-bridge.ts';

const stops: (() => void)[] = [];

function stopBackgroundWork(): void {
  for (const stop of stops.splice(0)) stop();
}

export async function prepareApp(): Promise<void> {
  watchDatabaseUpgrades({ stopBackgroundWork, reload: () => window.location.reload() });
  await loadLocale();
  await ensureIdentity();
}

export function startBackgroundWork(): void {
  stops.push(
    startSyncLoop(),
    watchClock({ record: recordClockJump }),
    onStorageFailure(() => updateSyncRuntime({ storageFull: { at: Date.now() } })),
    onLocalWrite(() => {
      if (getSyncRuntime().storageFull) updateSyncRuntime({ storageFull: null });
    }),
  );
  registerServiceWorker();
  void getMeta<boolean>('persistAsked').then(async (asked) => {
    if (await requestPersistentStorage(asked === true)) await setMeta('persistAsked', true);
  });
}
