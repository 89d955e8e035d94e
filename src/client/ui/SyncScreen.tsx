/** `/sync`: what waits to leave the phone, what the server refused, storage, "Sync now". */
import { useEffect, useState } from 'preact/hooks';
import { liveValue, useLiveQuery } from '../db/live.ts';
import { formatBytes, formatDateTime, formatDuration } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { syncNow } from '../sync/engine.ts';
import { listRejected } from '../sync/outbox.ts';
import { useSyncStatus } from '../sync/use-sync-status.ts';

interface StorageInfo {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

async function readStorage(): Promise<StorageInfo> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

function StorageSection() {
  const t = useT();
  const locale = useLocale();
  const [info, setInfo] = useState<StorageInfo | null>(null);
  useEffect(() => {
    void readStorage().then(setInfo);
  }, []);
  if (!info) return null;
  return (
    <section>
      <h2>{t('sync.storage')}</h2>
      {info.persisted !== null && <p>{info.persisted ? t('sync.persisted') : t('sync.notPersisted')}</p>}
      <p>
        {info.usage !== null && info.quota !== null
          ? t('sync.usage', { used: formatBytes(info.usage, locale), quota: formatBytes(info.quota, locale) })
          : t('sync.storageUnknown')}
      </p>
    </section>
  );
}

function RejectedList() {
  const t = useT();
  const locale = useLocale();
  const rejected = liveValue(useLiveQuery(listRejected, [])) ?? [];
  if (rejected.length === 0) return null;
  return (
    <ul class="rejected">
      {rejected.map((event) => (
        <li key={event.id}>
          <span>{t('sync.rejectedEvent', { type: event.type, time: formatDateTime(event.at, locale) })}</span>{' '}
          <code>{t('sync.rejectedCode', { code: event.rejectCode ?? '' })}</code>
          {event.rejectMessage && <span> — {event.rejectMessage}</span>}
        </li>
      ))}
    </ul>
  );
}

export function SyncScreen() {
  const t = useT();
  const locale = useLocale();
  const status = useSyncStatus();
  const now = Date.now();
  return (
    <article class="sync">
      <h1>{t('sync.title')}</h1>
      <div role="status">
        {!status.online && <p>{t('sync.offline')}</p>}
        {status.pending === 0 && status.rejected === 0 && <p>{t('sync.synced')}</p>}
        {status.pending > 0 && (
          <p>{t('sync.pending', { n: status.pending, age: formatDuration(now - (status.oldestPendingAt ?? now)) })}</p>
        )}
        {status.lastError && <p>{t('sync.lastError', { reason: t(`sync.error.${status.lastError.reason}`) })}</p>}
      </div>
      {status.rejected > 0 && <p class="warning">{t('sync.attention', { n: status.rejected })}</p>}
      <RejectedList />
      <p>
        {t('sync.lastSync', {
          time: status.lastSyncAt ? formatDateTime(status.lastSyncAt, locale) : t('sync.never'),
        })}
      </p>
      <button type="button" class="button primary" disabled={status.syncing} onClick={() => void syncNow()}>
        {status.syncing ? t('sync.syncing') : t('sync.now')}
      </button>
      <StorageSection />
    </article>
  );
}
