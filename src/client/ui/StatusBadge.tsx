/** The header's link to /sync, with a small badge saying the state of the outbox. */
import { Link } from '@tanstack/react-router';
import { type Translate, useT } from '../i18n/index.ts';
import { type SyncStatus, useSyncStatus } from '../sync/use-sync-status.ts';

/** The one state the badge shows: what needs the user first, then the network, then the outbox. */
function badgeOf(status: SyncStatus, t: Translate): [tone: string, text: string] {
  if (status.storageFull) return ['attention', t('badge.storageFull')];
  if (status.block?.kind === 'update_required') return ['attention', t('badge.update')];
  if (status.block?.kind === 'sign_in_required') return ['attention', t('badge.signIn')];
  if (!status.online) return ['offline', t('badge.offline')];
  if (status.rejected + status.rejectedPhotos > 0) return ['attention', t('badge.attention')];
  const pending = status.pending + status.pendingPhotos;
  if (pending > 0) return ['pending', t('badge.pending', { n: pending })];
  return ['ok', t('badge.synced')];
}

export function StatusBadge() {
  const t = useT();
  const status = useSyncStatus();
  const [tone, text] = badgeOf(status, t);
  return (
    <Link to="/sync" class="status-link" aria-label={`${t('nav.sync')}: ${text}`}>
      <span class={`badge badge-${tone}`}>{text}</span>
    </Link>
  );
}
