/**
 * The SOP library for authors: every SOP of the organisation with its status, latest
 * version, last update and review date, overdue first (the server's order). Search and a
 * status filter narrow the list; archived SOPs are left out until that filter asks for
 * them. Drafts typed offline are saved from here too.
 */
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { localize } from '../../shared/locale.ts';
import type { SopSummary } from '../../shared/sop-api.ts';
import { emptyDraft } from '../../shared/sop-draft.ts';
import { newStepId } from '../editor/draft-edit.ts';
import { saveWaitingDrafts } from '../editor/draft-sync.ts';
import { foldForSearch, formatDateTime } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { sopApi } from './sop-api-client.ts';
import '../editor/authoring.css';

/** `in_use`: published and drafts — archived SOPs stay out of the way until asked for. */
type Status = 'in_use' | 'all' | SopSummary['status'];
type Loaded = { status: 'loading' } | { status: 'offline' } | { status: 'ready'; items: SopSummary[] };

export function LibraryScreen() {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<Status>('in_use');
  const [creating, setCreating] = useState(false);
  const [createFailed, setCreateFailed] = useState(false);

  useEffect(() => {
    void saveWaitingDrafts().then(async () => {
      const result = await sopApi.list();
      setLoaded(result.ok ? { status: 'ready', items: result.value.items } : { status: 'offline' });
    });
  }, []);

  const create = async () => {
    setCreating(true);
    const result = await sopApi.create(emptyDraft({}, 'operational', newStepId()));
    setCreating(false);
    setCreateFailed(!result.ok);
    if (result.ok) void navigate({ to: '/library/$sopId/edit', params: { sopId: result.value.sopId } });
  };

  const needle = foldForSearch(query.trim());
  const items = loaded.status === 'ready' ? loaded.items : [];
  const shown = items.filter(
    (i) =>
      statusMatches(status, i.status) &&
      (!needle || foldForSearch(`${i.title.fr ?? ''} ${i.title.en ?? ''} ${i.ownerName ?? ''}`).includes(needle)),
  );
  const archivedHidden = status === 'in_use' ? items.filter((i) => i.status === 'archived').length : 0;

  return (
    <div class="library">
      <h1>{t('library.title')}</h1>
      <div class="control-row">
        <button type="button" class="button primary" disabled={creating} onClick={() => void create()}>
          {t('library.new')}
        </button>
        <Link to="/library/import" class="button">
          {t('library.import')}
        </Link>
      </div>
      {createFailed && <p role="alert">{t('library.actionFailed')}</p>}
      <search class="filters">
        <label class="field-label">
          {t('library.search')}
          <input class="field" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label class="field-label">
          {t('library.status')}
          <select class="field" value={status} onInput={(e) => setStatus(e.currentTarget.value as Status)}>
            <option value="in_use">{t('library.status.in_use')}</option>
            <option value="published">{t('library.status.published')}</option>
            <option value="draft">{t('library.status.draft')}</option>
            <option value="archived">{t('library.status.archived')}</option>
            <option value="all">{t('library.status.all')}</option>
          </select>
        </label>
      </search>
      {loaded.status === 'loading' && <p role="status">{t('common.loading')}</p>}
      {loaded.status === 'offline' && <p role="alert">{t('library.offline')}</p>}
      {loaded.status === 'ready' && (
        <>
          <p role="status">{t('list.count', { n: shown.length })}</p>
          {archivedHidden > 0 && <p class="hint">{t('library.archivedHidden', { n: archivedHidden })}</p>}
          <ul class="cards library-list" aria-label={t('library.title')}>
            {shown.map((item) => (
              <li class="card" key={item.id}>
                <Link to="/library/$sopId" params={{ sopId: item.id }} class="card-link">
                  <span class="item-title">{localize(item.title, locale) || t('library.untitled')}</span>
                  <span class="meta">
                    <span class={`tag tag-${item.status}`}>{t(`library.status.${item.status}`)}</span>
                    {item.overdue && <span class="tag tag-overdue">{t('library.overdue')}</span>}
                    {item.hasDraftChanges && item.latestVersion !== null && (
                      <span class="tag">{t('library.changes')}</span>
                    )}
                    <span>
                      {item.latestVersion === null
                        ? t('library.neverPublished')
                        : t('list.version', { n: item.latestVersion })}
                    </span>
                    <span>{t('library.updated', { time: formatDateTime(item.updatedAt, locale) })}</span>
                    {item.reviewDueAt !== null && (
                      <span>{t('library.reviewDue', { time: formatDateTime(item.reviewDueAt, locale) })}</span>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function statusMatches(filter: Status, status: SopSummary['status']): boolean {
  if (filter === 'all') return true;
  if (filter === 'in_use') return status !== 'archived';
  return status === filter;
}
