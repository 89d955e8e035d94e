/**
 * IndexedDB schema upgrades with several tabs open.
 *
 * A new app version with a new Dexie schema version opens the database; every older tab
 * then receives `versionchange`. Such a tab holds nothing in memory that matters (every
 * tap is committed before its screen moves on), so it stops its background work, closes
 * the database — IndexedDB lets transactions already running finish first, which is the
 * flush — and reloads into the new version. If an old tab does not let go (a frozen
 * background tab), the new tab's open is `blocked`: the user is asked, in words and
 * before anything else renders, to close the other tabs; the notice goes away as soon
 * as the database opens.
 */
import { db } from '../db/database.ts';
import { localeFromLanguage, translate } from '../i18n/index.ts';

const NOTICE_ID = 'upgrade-blocked';

function showBlockedNotice(): void {
  if (typeof document === 'undefined' || document.getElementById(NOTICE_ID)) return;
  const notice = document.createElement('p');
  notice.id = NOTICE_ID;
  notice.setAttribute('role', 'alert');
  notice.className = 'warning';
  // The saved locale lives in the database that is not open yet: use the browser's.
  notice.textContent = translate(localeFromLanguage(navigator.language), 'app.upgradeBlocked');
  document.body.prepend(notice);
}

function hideBlockedNotice(): void {
  if (typeof document !== 'undefined') document.getElementById(NOTICE_ID)?.remove();
}

/** Call before the database is first used: wires the blocked notice and the old-tab reload. */
export function watchDatabaseUpgrades(options: { stopBackgroundWork: () => void; reload: () => void }): void {
  db.on('blocked', showBlockedNotice);
  db.on('ready', hideBlockedNotice);
  db.on('versionchange', (event) => {
    options.stopBackgroundWork();
    db.close();
    if (event.newVersion !== null && event.newVersion > 0) options.reload();
  });
}
