/**
 * `/audit` (owners): the security-relevant acts of the organisation, newest first (the
 * server's order): sign-ins and failures, invites, role changes, publishing, archiving.
 */
import { ScrollArea } from '../analytics/ScrollArea.tsx';
import { authApi } from '../auth/auth-api.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useApiData } from './use-api.ts';
import './team.css';

export function AuditScreen() {
  const t = useT();
  const locale = useLocale();
  const [audit] = useApiData(authApi.audit);
  return (
    <article class="team">
      <h1>{t('audit.title')}</h1>
      {audit.status === 'loading' && <p role="status">{t('common.loading')}</p>}
      {audit.status === 'failed' && <p class="warning">{audit.message}</p>}
      {audit.status === 'ready' && audit.value.entries.length === 0 && <p>{t('audit.none')}</p>}
      {audit.status === 'ready' && audit.value.entries.length > 0 && (
        <ScrollArea label={t('audit.title')}>
          <table class="audit-table">
            <caption id="audit-caption" class="visually-hidden">
              {t('audit.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.about')}</th>
                <th scope="col">{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.value.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at, locale)}</td>
                  <td>{t(`audit.action.${entry.action}`)}</td>
                  <td>{entry.actorName ?? t('audit.nobody')}</td>
                  <td>{entry.target ?? t('audit.nobody')}</td>
                  <td>{entry.ip ?? t('audit.nobody')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </article>
  );
}
