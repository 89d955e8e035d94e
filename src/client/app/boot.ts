/**
 * Page start-up, in order: the upgrade watch (before the database is first opened), the
 * saved locale (so the first paint is in the right language), the cached account (so the
 * first screen is the signed-in person's, without waiting on the network) and the device
 * identity; then, after the first paint, the background work (background.ts) — sync loop,
 * clock-jump watch, storage-full reporting, service worker, persistent storage. It is
 * loaded as its own chunk so that the first screen never waits for the sync code.
 */
import { loadAuth } from '../auth/account-store.ts';
import { ensureIdentity } from '../db/meta.ts';
import { loadLocale } from '../i18n/index.ts';
import { watchDatabaseUpgrades } from './db-upgrades.ts';

let stopBackground: () => void = () => undefined;

export async function prepareApp(): Promise<void> {
  watchDatabaseUpgrades({ stopBackgroundWork: () => stopBackground(), reload: () => window.location.reload() });
  await loadLocale();
  await loadAuth();
  await ensureIdentity();
}

export async function startBackgroundWork(): Promise<void> {
  const background = await import('./background.ts');
  stopBackground = background.startBackgroundWork();
}
