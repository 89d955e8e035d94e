/** The filters of the per-SOP view: period, version, person, training or regular runs. */
import type { AnalyticsFilters, SopReport, TrainingFilter } from '../../shared/analytics-wire.ts';
import { useT } from '../i18n/index.ts';

interface Props {
  filters: AnalyticsFilters;
  versions: number[];
  people: SopReport['people'];
  /** One filter changed; an empty value clears it. */
  onChange(key: keyof AnalyticsFilters, value: string): void;
}

export function SopFilters({ filters, versions, people, onChange }: Props) {
  const t = useT();
  const set = (key: keyof AnalyticsFilters) => (e: Event) =>
    onChange(key, (e.currentTarget as HTMLInputElement | HTMLSelectElement).value);
  return (
    <fieldset class="analytics-filters">
      <legend>{t('analytics.filters')}</legend>
      <label class="field">
        <span class="field-label">{t('analytics.filter.from')}</span>
        <input type="date" value={filters.from ?? ''} onInput={set('from')} />
      </label>
      <label class="field">
        <span class="field-label">{t('analytics.filter.to')}</span>
        <input type="date" value={filters.to ?? ''} onInput={set('to')} />
      </label>
      <label class="field">
        <span class="field-label">{t('analytics.filter.version')}</span>
        <select value={filters.version ?? ''} onInput={set('version')}>
          <option value="">{t('analytics.filter.all')}</option>
          {versions.map((v) => (
            <option key={v} value={String(v)}>
              {t('list.version', { n: v })}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('analytics.filter.person')}</span>
        <select value={filters.person ?? ''} onInput={set('person')}>
          <option value="">{t('analytics.filter.everyone')}</option>
          {people.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.name ?? p.userId.slice(0, 8)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('analytics.filter.training')}</span>
        <select value={filters.training ?? 'all'} onInput={set('training')}>
          {(['all', 'regular', 'training'] as TrainingFilter[]).map((v) => (
            <option key={v} value={v}>
              {t(`analytics.training.${v}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
