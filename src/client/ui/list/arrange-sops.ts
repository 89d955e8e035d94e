/**
 * What the SOP list shows, in which order: the procedures whose title matches the search
 * (accent- and case-insensitive) and the chosen category; the ones this device ran most
 * recently first (latest run start, newest first), then the others alphabetically in the
 * reader's language.
 */
import { type Locale, localize, type SopCategory } from '../../../shared/locale.ts';
import type { SopListItem } from '../../db/sops.ts';
import { foldForSearch } from '../../i18n/format.ts';

export interface ArrangedSop extends SopListItem {
  title: string;
  lastRunAt: number | undefined;
}

export interface ListFilter {
  query: string;
  category: SopCategory | 'all';
}

export function arrangeSops(
  items: readonly SopListItem[],
  lastRuns: ReadonlyMap<string, number>,
  filter: ListFilter,
  locale: Locale,
): ArrangedSop[] {
  const needle = foldForSearch(filter.query.trim());
  return items
    .map((item) => ({ ...item, title: localize(item.sop.title, locale), lastRunAt: lastRuns.get(item.sop.id) }))
    .filter((item) => filter.category === 'all' || item.sop.category === filter.category)
    .filter((item) => foldForSearch(item.title).includes(needle))
    .sort((a, b) => {
      if (a.lastRunAt !== b.lastRunAt) return (b.lastRunAt ?? -1) - (a.lastRunAt ?? -1);
      return a.title.localeCompare(b.title, locale);
    });
}
