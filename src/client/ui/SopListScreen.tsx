/** `/`: the procedures on this device (search, category, recently used first) and the runs to continue. */
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import { SOP_CATEGORIES, type SopCategory } from '../../shared/locale.ts';
import { liveValue, useLiveQuery } from '../db/live.ts';
import { lastRunAtBySop, listRunsInProgress } from '../db/runs.ts';
import { listSops, type SopListItem } from '../db/sops.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { warmStepImages } from '../run/step-images.ts';
import { type ArrangedSop, arrangeSops, type ListFilter } from './list/arrange-sops.ts';
import { ContinueList } from './list/ContinueList.tsx';

async function loadList() {
  const [sops, lastRuns, inProgress] = await Promise.all([listSops(), lastRunAtBySop(), listRunsInProgress()]);
  return { sops, lastRuns, inProgress };
}

function Filters({ filter, onChange }: { filter: ListFilter; onChange: (next: ListFilter) => void }) {
  const t = useT();
  return (
    <search class="filters">
      <label class="field-label">
        {t('list.search')}
        <input
          type="search"
          class="field"
          value={filter.query}
          onInput={(e) => onChange({ ...filter, query: e.currentTarget.value })}
        />
      </label>
      <label class="field-label">
        {t('list.category')}
        <select
          class="field"
          value={filter.category}
          onInput={(e) => onChange({ ...filter, category: e.currentTarget.value as SopCategory | 'all' })}
        >
          <option value="all">{t('list.allCategories')}</option>
          {SOP_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`category.${category}`)}
            </option>
          ))}
        </select>
      </label>
    </search>
  );
}

function SopCard({ item }: { item: ArrangedSop }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li class="card">
      <Link to="/sops/$sopId" params={{ sopId: item.sop.id }} class="card-link">
        {item.title}
      </Link>
      <span class="meta">
        {t(`category.${item.sop.category}`)} · {t('list.version', { n: item.latest.version })}
        {item.lastRunAt !== undefined && ` · ${t('list.lastRun', { time: formatDateTime(item.lastRunAt, locale) })}`}
      </span>
    </li>
  );
}

/** Puts the step images of every listed SOP in the offline image cache, once per list. */
function useWarmImages(sops: readonly SopListItem[] | undefined): void {
  const key = sops?.map((s) => `${s.sop.id}@${s.latest.version}`).join() ?? '';
  useEffect(() => {
    if (sops) void warmStepImages(sops.map((s) => s.latest.content));
  }, [key]);
}

export function SopListScreen() {
  const t = useT();
  const locale = useLocale();
  const [filter, setFilter] = useState<ListFilter>({ query: '', category: 'all' });
  const result = useLiveQuery(loadList, []);
  const data = liveValue(result);
  useWarmImages(data?.sops);
  // The heading shows at once, whatever the state of the data, so the screen never jumps.
  const heading = <h1>{t('list.title')}</h1>;
  if (result.status === 'loading')
    return (
      <>
        {heading}
        <p role="status">{t('common.loading')}</p>
      </>
    );
  if (!data)
    return (
      <>
        {heading}
        <p role="alert">{t('common.error')}</p>
      </>
    );
  const shown = arrangeSops(data.sops, data.lastRuns, filter, locale);

  return (
    <>
      {heading}
      <ContinueList runs={data.inProgress} sops={data.sops} />
      {data.sops.length === 0 ? (
        <p class="empty">{t('list.empty')}</p>
      ) : (
        <>
          <Filters filter={filter} onChange={setFilter} />
          {/* One live region: the screen-reader hears the count as the filter changes; sighted users see "no match". */}
          <p role="status" class={shown.length === 0 ? undefined : 'visually-hidden'}>
            {shown.length === 0
              ? t('list.noMatch', { query: filter.query.trim() })
              : t('list.count', { n: shown.length })}
          </p>
          <ul class="cards" aria-label={t('list.title')}>
            {shown.map((item) => (
              <SopCard key={item.sop.id} item={item} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
