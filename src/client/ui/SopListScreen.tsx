/** `/`: the procedures on this device, a search, and the runs to continue. */
import { Link } from '@tanstack/react-router';
import { useState } from 'preact/hooks';
import { localize } from '../../shared/sop.ts';
import { liveValue, useLiveQuery } from '../db/live.ts';
import { listRunsInProgress } from '../db/runs.ts';
import { listSops, type SopListItem } from '../db/sops.ts';
import { foldForSearch } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';

function ContinueList({ sops }: { sops: SopListItem[] }) {
  const t = useT();
  const locale = useLocale();
  const runs = liveValue(useLiveQuery(listRunsInProgress, [])) ?? [];
  if (runs.length === 0) return null;
  const titles = new Map(sops.map((s) => [s.sop.id, localize(s.sop.title, locale)]));
  return (
    <section aria-labelledby="continue-title">
      <h2 id="continue-title">{t('list.inProgress')}</h2>
      <ul class="cards">
        {runs.map((run) => {
          const title = titles.get(run.sopId) ?? '';
          return (
            <li key={run.id} class="card">
              <Link
                to="/runs/$runId"
                params={{ runId: run.id }}
                class="button primary"
                aria-label={t('list.continueLabel', { title })}
              >
                {t('list.continue')}
              </Link>
              <span class="card-title">{title}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function SopListScreen() {
  const t = useT();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const result = useLiveQuery(listSops, []);
  const sops = liveValue(result);
  if (result.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!sops) return <p role="alert">{t('common.error')}</p>;
  const needle = foldForSearch(query.trim());
  const shown = sops
    .map((item) => ({ ...item, title: localize(item.sop.title, locale) }))
    .filter((item) => foldForSearch(item.title).includes(needle))
    .sort((a, b) => a.title.localeCompare(b.title, locale));

  return (
    <>
      <h1>{t('list.title')}</h1>
      <ContinueList sops={sops} />
      {sops.length === 0 ? (
        <p class="empty">{t('list.empty')}</p>
      ) : (
        <>
          <label class="field-label">
            {t('list.search')}
            <input type="search" class="field" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
          {shown.length === 0 && <p role="status">{t('list.noMatch', { query: query.trim() })}</p>}
          <ul class="cards">
            {shown.map(({ sop, latest, title }) => (
              <li key={sop.id} class="card">
                <Link to="/sops/$sopId" params={{ sopId: sop.id }} class="card-link">
                  {title}
                </Link>
                <span class="meta">
                  {t(`category.${sop.category}`)} · {t('list.version', { n: latest.version })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
