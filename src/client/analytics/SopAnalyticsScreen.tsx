/**
 * Per SOP: runs completed and aborted, durations (median, p90, mean; total and active),
 * error rate and first-pass yield, weekly trend, distribution, the step table with the
 * bottleneck, outlier runs (each linking to its timeline), the breakdown per person, the
 * CSV exports of the current filters, and a printable report.
 */
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'preact/hooks';
import type { AnalyticsFilters, SopReport } from '../../shared/analytics-wire.ts';
import { localize } from '../../shared/locale.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { exportHref, fetchSopReport } from './api.ts';
import { BoxPlot } from './charts/BoxPlot.tsx';
import { TrendChart } from './charts/TrendChart.tsx';
import { dateTime, duration, percent } from './format.ts';
import { ScrollArea } from './ScrollArea.tsx';
import { SopFilters } from './SopFilters.tsx';
import { ResourceStatus } from './Status.tsx';
import { StepTable } from './StepTable.tsx';
import { useResource } from './use-resource.ts';
import './analytics.css';

function Figures({ report }: { report: SopReport }) {
  const t = useT();
  const locale = useLocale();
  const { durations: d, rates: r } = report;
  const figures: [string, string][] = [
    [t('analytics.fig.completed'), String(r.completed)],
    [t('analytics.fig.aborted'), `${r.aborted} (${percent(r.abandonRate, locale)})`],
    [t('analytics.col.median'), duration(d.medianMs)],
    [t('analytics.col.p90'), duration(d.p90Ms)],
    [t('analytics.col.mean'), duration(d.meanMs)],
    [
      t('analytics.fig.active'),
      `${duration(d.activeMedianMs)} · ${duration(d.activeP90Ms)} · ${duration(d.activeMeanMs)}`,
    ],
    [t('analytics.col.errorRate'), percent(r.errorRate, locale)],
    [t('analytics.col.fpy'), percent(r.firstPassYield, locale)],
  ];
  return (
    <dl class="kpis">
      {figures.map(([label, value]) => (
        <div key={label} class="kpi">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Outliers({ report }: { report: SopReport }) {
  const t = useT();
  const locale = useLocale();
  const names = new Map(report.people.map((p) => [p.userId, p.name]));
  return (
    <section aria-labelledby="outliers-title">
      <h2 id="outliers-title">{t('analytics.outliers.title')}</h2>
      {report.outliers.length === 0 ? (
        <p>{t('analytics.outliers.none')}</p>
      ) : (
        <ul class="outlier-list">
          {report.outliers.map((o) => (
            <li key={o.runId}>
              <Link to="/analytics/runs/$runId" params={{ runId: o.runId }}>
                {t('analytics.outliers.line', {
                  time: duration(o.durationMs),
                  who: names.get(o.userId) ?? o.userId.slice(0, 8),
                  when: dateTime(o.startedAt, locale),
                  v: o.sopVersion,
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function People({ people }: { people: SopReport['people'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ScrollArea label={t('analytics.people.title')}>
      <table class="data-table">
        <caption>{t('analytics.people.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.col.person')}</th>
            <th scope="col">{t('analytics.col.runs')}</th>
            <th scope="col">{t('analytics.col.median')}</th>
            <th scope="col">{t('analytics.col.errorRate')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.userId}>
              <th scope="row">{p.name ?? p.userId.slice(0, 8)}</th>
              <td>{p.completed}</td>
              <td>{duration(p.medianMs)}</td>
              <td>{percent(p.errorRate, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

function Exports({ sopId, filters }: { sopId: string; filters: AnalyticsFilters }) {
  const t = useT();
  return (
    <section aria-labelledby="export-title" class="no-print">
      <h2 id="export-title">{t('analytics.export.title')}</h2>
      <div class="control-row">
        <a class="button" href={exportHref(sopId, 'runs', filters, false)} download>
          {t('analytics.export.runs')}
        </a>
        <a class="button" href={exportHref(sopId, 'steps', filters, false)} download>
          {t('analytics.export.steps')}
        </a>
        <a class="button" href={exportHref(sopId, 'runs', filters, true)} download>
          {t('analytics.export.runsExcel')}
        </a>
        <a class="button" href={exportHref(sopId, 'steps', filters, true)} download>
          {t('analytics.export.stepsExcel')}
        </a>
        <button type="button" class="button" onClick={() => window.print()}>
          {t('analytics.print')}
        </button>
      </div>
    </section>
  );
}

export function SopAnalyticsScreen({ sopId }: { sopId: string }) {
  const t = useT();
  const locale = useLocale();
  const [filters, setFilters] = useState<AnalyticsFilters>({});
  const resource = useResource(() => fetchSopReport(sopId, filters), `${sopId}?${JSON.stringify(filters)}`);
  const [versions, setVersions] = useState<number[]>([]);
  const [people, setPeople] = useState<SopReport['people']>([]);
  const report = resource.status === 'ready' ? resource.data : null;
  // The filter choices come from the first (unfiltered) report, so a filter never hides its own options.
  useEffect(() => {
    if (!report || versions.length > 0) return;
    setVersions([...report.sop.versions].sort((a, b) => a - b));
    setPeople(report.people);
  }, [report, versions.length]);
  const changeFilter = (key: keyof AnalyticsFilters, value: string) =>
    setFilters((previous) => {
      const { [key]: _old, ...rest } = previous;
      return value && !(key === 'training' && value === 'all') ? { ...rest, [key]: value } : rest;
    });
  const [newest, previous] = [...versions].sort((a, b) => b - a);
  return (
    <div class="analytics">
      <p class="no-print">
        <Link to="/analytics">{t('analytics.back')}</Link>
      </p>
      <h1>{report ? localize(report.sop.title, locale) : t('analytics.sop.title')}</h1>
      {newest !== undefined && previous !== undefined && (
        <p class="no-print">
          <Link
            to="/analytics/sops/$sopId/compare"
            params={{ sopId }}
            search={{ a: previous, b: newest }}
            class="button"
          >
            {t('analytics.compare.link', { a: previous, b: newest })}
          </Link>
        </p>
      )}
      <SopFilters filters={filters} versions={versions} people={people} onChange={changeFilter} />
      <ResourceStatus resource={resource} />
      {report && (
        <>
          <Figures report={report} />
          <div class="chart-grid-2">
            <TrendChart points={report.trend} />
            <BoxPlot box={report.box} />
          </div>
          <StepTable steps={report.steps} bottleneck={report.bottleneck} />
          <Outliers report={report} />
          <People people={report.people} />
          <Exports sopId={sopId} filters={filters} />
        </>
      )}
    </div>
  );
}
