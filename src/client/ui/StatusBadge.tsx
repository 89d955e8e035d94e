/** The header's link to /sync, with a small badge saying the state of the outbox. */
import { Link } from '@tanstack/react-router';
import { useT } from '../i18n/index.ts';
import { useSyncStatus } from '../sync/use-sync-status.ts';

export function StatusBadge() {
  const t = useT();
  const status = useSyncStatus();
  const [tone, text] = !status.online
    ? ['offline', t('badge.offline')]
    : status.rejected > 0
      ? ['attention', t('badge.attention')]
      : status.pending > 0
        ? ['pending', t('badge.pending', { n: status.pending })]
        : ['ok', t('badge.synced')];
  return (
    <Link to="/sync" class="status-link" aria-label={`${t('nav.sync')}: ${text}`}>
      <span class={`badge badge-${tone}`}>{text}</span>
    </Link>
  );
}
