/** What a screen shows while its data loads or when it cannot be loaded. */
import { useT } from '../i18n/index.ts';
import type { Resource } from './use-resource.ts';

export function ResourceStatus<T>({ resource }: { resource: Resource<T> }) {
  const t = useT();
  if (resource.status === 'loading') return <p aria-live="polite">{t('common.loading')}</p>;
  if (resource.status === 'error') {
    const { reason, status } = resource.error;
    const message =
      reason === 'offline'
        ? t('analytics.error.offline')
        : status === 404
          ? t('analytics.error.notFound')
          : status === 401
            ? t('analytics.error.signedOut')
            : status === 403
              ? t('auth.forbidden')
              : t('analytics.error.server');
    return (
      <p role="alert" class="field-error">
        {message}
      </p>
    );
  }
  return null;
}
