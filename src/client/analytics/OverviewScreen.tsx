/** The owner's overview: the four KPIs, the health of each SOP, and how fresh each phone's data is. */
import { Link } from '@tanstack/react-router';
import type { Overview } from '../../shared/analytics-wire.ts';
import { localize } from '../../shared/locale.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { fetchOverview } from './api.ts';
import { dateTime, day, duration, percent } from './format.ts';
import { ScrollArea } from './ScrollArea.tsx';
import { ResourceStatus } from './Status.tsx';
import { useResource } from './use-resource.ts';
import './analytics.css';

function Kpis({ data }: { data: Overview }) {
  const t = useT();
  const locale = useLocale();
  const days = data.onboarding.medianDaysToProficiency;
  const kpis: [string, string][] = [
    [t('analytics.kpi.activeSops'), String(data.activeSops)],
    [t('analytics.kpi.overdue'), String(data.overdueReviews)],
    [t('analytics.kpi.thisWeek'), t('analytics.kpi.thisWeekValue', data.runsThisWeek)],
    [
      t('analytics.kpi.onboarding'),
      days === null
        ? t('analytics.kpi.onboardingNone', { n: data.onboarding.people })
        : t('analytics.kpi.days', { n: Math.round(days) }),
    ],
  ];
  return (
    <dl class="kpis">
      {kpis.map(([label, value]) => (
        <div key={label} class="kpi">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      <div class="kpi">
        <dt>{t('analytics.kpi.updated')}</dt>
        <dd>{dateTime(data.now, locale)}</dd>
      </div>
    </dl>
  );
}

function SopTable({ sops }: { sops: Overview['sops'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ScrollArea label={t('analytics.overview.sops')}>
      <table class="data-table">
        <caption>{t('analytics.overview.sops')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.col.sop')}</th>
            <th scope="col">{t('analytics.col.runs')}</th>
            <th scope="col">{t('analytics.col.mean')}</th>
            <th scope="col">{t('analytics.col.median')}</th>
            <th scope="col">{t('analytics.col.errorRate')}</th>
            <th scope="col">{t('analytics.col.fpy')}</th>
            <th scope="col">{t('analytics.col.lastUpdate')}</th>
            <th scope="col">{t('analytics.col.review')}</th>
          </tr>
        </thead>
        <tbody>
          {sops.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link to="/analytics/sops/$sopId" params={{ sopId: s.id }}>
                  {localize(s.title, locale)}
                </Link>
                {s.latestVersion !== null && <span class="muted"> · v{s.latestVersion}</span>}
              </th>
              <td>{s.completed}</td>
              <td>{duration(s.meanMs)}</td>
              <td>{duration(s.medianMs)}</td>
              <td>{percent(s.errorRate, locale)}</td>
              <td>{percent(s.firstPassYield, locale)}</td>
              <td>{day(s.lastUpdate, locale)}</td>
              <td>
                {s.reviewOverdue ? (
                  <strong class="tag-overdue">{t('analytics.overdue')}</strong>
                ) : (
                  day(s.reviewDue, locale)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

function Devices({ devices }: { devices: Overview['devices'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{t('analytics.devices.title')}</h2>
      <p class="muted">{t('analytics.devices.hint')}</p>
      {devices.length === 0 ? (
        <p>{t('analytics.devices.none')}</p>
      ) : (
        <ul class="device-list">
          {devices.map((d) => (
            <li key={d.deviceId}>
              {t('analytics.devices.line', {
                who: d.lastUser ?? t('analytics.devices.unknown'),
                id: d.deviceId.slice(-4),
                time: dateTime(d.lastSyncAt, locale),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OverviewScreen() {
  const t = useT();
  const resource = useResource(fetchOverview, 'overview');
  return (
    <div class="analytics">
      <h1>{t('analytics.title')}</h1>
      <nav class="analytics-nav" aria-label={t('analytics.nav')}>
        <Link to="/analytics/onboarding" class="button">
          {t('analytics.onboarding.title')}
        </Link>
      </nav>
      <ResourceStatus resource={resource} />
      {resource.status === 'ready' && (
        <>
          <Kpis data={resource.data} />
          <SopTable sops={resource.data.sops} />
          <Devices devices={resource.data.devices} />
        </>
      )}
    </div>
  );
}
