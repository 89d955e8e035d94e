/**
 * Page start-up, in order: the saved locale (so the first paint is in the right
 * language), the device identity, then the background work — sync loop, service worker,
 * and one request for persistent storage per device.
 */
import { ensureIdentity, getMeta, setMeta } from '../db/meta.ts';
import { loadLocale } from '../i18n/index.ts';
import { startSyncLoop } from '../sync/engine.ts';
import { registerServiceWorker, requestPersistentStorage } from './sw-bridge.ts';

export async function prepareApp(): Promise<void> {
  await loadLocale();
  await ensureIdentity();
}

export function startBackgroundWork(): void {
  startSyncLoop();
  registerServiceWorker();
  void getMeta<boolean>('persistAsked').then(async (asked) => {
    if (await requestPersistentStorage(asked === true)) await setMeta('persistAsked', true);
  });
}
