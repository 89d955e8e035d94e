/**
 * `/sync`: what waits to leave the phone, what the server refused, what stops sync
 * (an app too old, an expired sign-in, a full disk), storage, "Sync now", and the
 * rescue exits (export pending data, clear this device).
 */
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { clearDatabase } from '../db/database.ts';
import { liveValue, useLiveQuery } from '../db/live.ts';
import { listRejectedPhotos } from '../db/photos.ts';
import { formatBytes, formatDateTime, formatDuration } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { canClearDevice, exportPendingData } from '../sync/device-data.ts';
import { syncNow } from '../sync/engine.ts';
import { listRejected } from '../sync/outbox.ts';
import { type SyncStatus, useSyncStatus } from '../sync/use-sync-status.ts';

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
  const events = liveValue(useLiveQuery(listRejected, [])) ?? [];
  const photos = liveValue(useLiveQuery(listRejectedPhotos, [])) ?? [];
  if (events.length === 0 && photos.length === 0) return null;
  return (
    <ul class="rejected">
      {events.map((event) => (
        <li key={event.id}>
          <span>{t('sync.rejectedEvent', { type: event.type, time: formatDateTime(event.at, locale) })}</span>{' '}
          <code>{t('sync.rejectedCode', { code: event.rejectCode ?? '' })}</code>
          {event.rejectMessage && <span> — {event.rejectMessage}</span>}
        </li>
      ))}
      {photos.map((photo) => (
        <li key={photo.id}>
          <span>{t('sync.rejectedPhoto', { time: formatDateTime(photo.createdAt, locale) })}</span>{' '}
          <code>{t('sync.rejectedCode', { code: photo.rejectCode ?? '' })}</code>
        </li>
      ))}
    </ul>
  );
}

/** What only the user can fix: shown as an alert, above everything else. */
function Blockers({ status }: { status: SyncStatus }) {
  const t = useT();
  const { block, storageFull } = status;
  if (!block && !storageFull) return null;
  return (
    <div role="alert" class="warning">
      {storageFull && <p>{t('sync.storageFull')}</p>}
      {block?.kind === 'sign_in_required' && (
        <p>
          {t('sync.signIn')}{' '}
          <Link to="/sign-in" search={{ next: '/sync' }}>
            {t('session.signIn')}
          </Link>
        </p>
      )}
      {block?.kind === 'update_required' && (
        <>
          <p>{t('sync.updateRequired')}</p>
          {block.minimum !== null && <p>{t('sync.updateMinimum', { minimum: block.minimum })}</p>}
          <button type="button" class="button primary" onClick={() => window.location.reload()}>
            {t('sync.reload')}
          </button>
        </>
      )}
    </div>
  );
}

function OutboxState({ status }: { status: SyncStatus }) {
  const t = useT();
  const locale = useLocale();
  const now = Date.now();
  const synced = status.pending + status.rejected + status.pendingPhotos + status.rejectedPhotos === 0;
  return (
    <div role="status">
      {!status.online && <p>{t('sync.offline')}</p>}
      {status.loaded && synced && <p>{t('sync.synced')}</p>}
      {status.pending > 0 && (
        <p>{t('sync.pending', { n: status.pending, age: formatDuration(now - (status.oldestPendingAt ?? now)) })}</p>
      )}
      {status.pendingPhotos > 0 && <p>{t('sync.photosPending', { n: status.pendingPhotos })}</p>}
      {status.lastError && <p>{t('sync.lastError', { reason: t(`sync.error.${status.lastError.reason}`) })}</p>}
      {status.nextAttemptAt !== null && (
        <p>{t('sync.nextAttempt', { time: formatDateTime(status.nextAttemptAt, locale) })}</p>
      )}
    </div>
  );
}

/** Export, then (only if everything unsynced was exported) clear, after a confirmation. */
function DeviceDataSection() {
  const t = useT();
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const exportNow = async () => {
    const { file, items } = await exportPendingData();
    setMessage(t('sync.exported', { n: items, file }));
  };
  const askClear = async () => {
    if (await canClearDevice()) {
      setConfirming(true);
      setMessage(null);
    } else {
      setMessage(t('sync.clearRefused'));
    }
  };
  const clear = async () => {
    await clearDatabase();
    window.location.assign('/');
  };
  return (
    <section>
      <h2>{t('sync.data')}</h2>
      <button type="button" class="button secondary" onClick={() => void exportNow()}>
        {t('sync.export')}
      </button>
      <button type="button" class="button secondary" onClick={() => void askClear()}>
        {t('sync.clear')}
      </button>
      {message && <p role="status">{message}</p>}
      {confirming && (
        <div role="alertdialog" aria-labelledby="clear-confirm">
          <p id="clear-confirm">{t('sync.clearConfirm')}</p>
          <button type="button" class="button danger" onClick={() => void clear()}>
            {t('sync.clearConfirmButton')}
          </button>
          <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

export function SyncScreen() {
  const t = useT();
  const locale = useLocale();
  const status = useSyncStatus();
  return (
    <article class="sync">
      <h1>{t('sync.title')}</h1>
      <Blockers status={status} />
      <OutboxState status={status} />
      {status.rejected > 0 && <p class="warning">{t('sync.attention', { n: status.rejected })}</p>}
      {status.rejectedPhotos > 0 && <p class="warning">{t('sync.photosAttention', { n: status.rejectedPhotos })}</p>}
      <RejectedList />
      <p>
        {t('sync.lastSync', {
          time: status.lastSyncAt ? formatDateTime(status.lastSyncAt, locale) : t('sync.never'),
        })}
      </p>
      <button
        type="button"
        class="button primary"
        disabled={status.syncing || status.block?.kind === 'update_required'}
        onClick={() => void syncNow()}
      >
        {status.syncing ? t('sync.syncing') : t('sync.now')}
      </button>
      <StorageSection />
      <DeviceDataSection />
    </article>
  );
}
