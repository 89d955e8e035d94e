/** Where the time goes and where errors happen: one row per step, the bottleneck marked. */
import type { SopReport } from '../../shared/analytics-wire.ts';
import { FLAG_CATEGORIES, type FlagCategory } from '../../shared/events.ts';
import { localize } from '../../shared/locale.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { duration, percent } from './format.ts';
import { ScrollArea } from './ScrollArea.tsx';

export function StepTable({ steps, bottleneck }: { steps: SopReport['steps']; bottleneck: string | null }) {
  const t = useT();
  const locale = useLocale();
  const worst = Math.max(0, ...steps.map((s) => s.errorRate ?? 0));
  const flagLabel = (category: string) =>
    (FLAG_CATEGORIES as readonly string[]).includes(category)
      ? t(`flagCategory.${category as FlagCategory}`)
      : category;
  return (
    <ScrollArea label={t('analytics.steps.title')}>
      <table class="data-table">
        <caption>{t('analytics.steps.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.col.step')}</th>
            <th scope="col">{t('analytics.col.median')}</th>
            <th scope="col">{t('analytics.col.p90')}</th>
            <th scope="col">{t('analytics.col.share')}</th>
            <th scope="col">{t('analytics.col.errorRate')}</th>
            <th scope="col">{t('analytics.col.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const isBottleneck = s.stepId === bottleneck;
            const flags = Object.entries(s.flagsByCategory)
              .map(([category, n]) => `${flagLabel(category)} ${n}`)
              .join(', ');
            return (
              <tr key={s.stepId} class={isBottleneck ? 'bottleneck' : undefined}>
                <th scope="row">
                  {localize(s.title, locale)}
                  {isBottleneck && <strong class="tag-bottleneck"> {t('analytics.bottleneck')}</strong>}
                </th>
                <td>{duration(s.medianMs)}</td>
                <td>{duration(s.p90Ms)}</td>
                <td>
                  <span class="share-bar" aria-hidden="true">
                    <span style={{ width: `${Math.min(100, (s.share ?? 0) * 100)}%` }} />
                  </span>
                  {percent(s.share, locale)}
                </td>
                <td>
                  {percent(s.errorRate, locale)}
                  {worst > 0 && s.errorRate === worst && (
                    <strong class="tag-overdue"> {t('analytics.mostErrors')}</strong>
                  )}
                </td>
                <td>{flags || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}
