/**
 * Version before/after: for the whole run and for each stable step, n, median, p90 and
 * error rate of both versions, the change, and in plain words whether it is real
 * (p < 0.05: "very unlikely to be chance") or could be chance.
 */
import { Link } from '@tanstack/react-router';
import type { VersionComparisonWire } from '../../shared/analytics-wire.ts';
import { localize } from '../../shared/locale.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { fetchComparison } from './api.ts';
import { duration, durationChange, errorChange, percent, verdict } from './format.ts';
import { ScrollArea } from './ScrollArea.tsx';
import { ResourceStatus } from './Status.tsx';
import { useResource } from './use-resource.ts';
import './analytics.css';

type Comparison = VersionComparisonWire['runs'];

function Headline({ c, a, b }: { c: Comparison; a: number; b: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section class="panel verdicts" aria-labelledby="verdict-title">
      <h2 id="verdict-title">{t('analytics.compare.verdict')}</h2>
      <p>
        <strong>{durationChange(c.medianChange, a, b, t, locale)}</strong> {verdict(c.durationSignificant, t)}
      </p>
      <p>
        <strong>{errorChange(c.errorRateChange, b, t)}</strong> {verdict(c.errorSignificant, t)}
      </p>
    </section>
  );
}

function CompareRow({ label, c, a, b }: { label: string; c: Comparison; a: number; b: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {c.a.n} → {c.b.n}
      </td>
      <td>
        {duration(c.a.medianMs)} → {duration(c.b.medianMs)}
      </td>
      <td>
        {duration(c.a.p90Ms)} → {duration(c.b.p90Ms)}
      </td>
      <td>
        {durationChange(c.medianChange, a, b, t, locale)} {verdict(c.durationSignificant, t)}
      </td>
      <td>
        {percent(c.a.errorRate, locale)} → {percent(c.b.errorRate, locale)} {verdict(c.errorSignificant, t)}
      </td>
    </tr>
  );
}

export function CompareScreen({ sopId, a, b }: { sopId: string; a: number; b: number }) {
  const t = useT();
  const locale = useLocale();
  const resource = useResource(() => fetchComparison(sopId, a, b), `${sopId}/${a}/${b}`);
  const data = resource.status === 'ready' ? resource.data : null;
  return (
    <div class="analytics">
      <p class="no-print">
        <Link to="/analytics/sops/$sopId" params={{ sopId }}>
          {t('analytics.backToSop')}
        </Link>
      </p>
      <h1>{t('analytics.compare.title', { a, b })}</h1>
      <ResourceStatus resource={resource} />
      {data && (
        <>
          <p class="muted">{localize(data.sop.title, locale)}</p>
          <Headline c={data.runs} a={a} b={b} />
          <ScrollArea label={t('analytics.compare.table')}>
            <table class="data-table">
              <caption>{t('analytics.compare.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analytics.col.step')}</th>
                  <th scope="col">{t('analytics.col.runs')}</th>
                  <th scope="col">{t('analytics.col.median')}</th>
                  <th scope="col">{t('analytics.col.p90')}</th>
                  <th scope="col">{t('analytics.col.change')}</th>
                  <th scope="col">{t('analytics.col.errorRate')}</th>
                </tr>
              </thead>
              <tbody>
                <CompareRow label={t('analytics.compare.wholeRun')} c={data.runs} a={a} b={b} />
                {data.steps.map((s) => (
                  <CompareRow key={s.stepId} label={localize(s.title, locale)} c={s} a={a} b={b} />
                ))}
              </tbody>
            </table>
          </ScrollArea>
          <p class="muted">{t('analytics.compare.method')}</p>
        </>
      )}
    </div>
  );
}
