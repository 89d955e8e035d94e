/** One run, as an owner opens it to understand an outlier: who, when, how long, and the time axis. */
import { Link } from '@tanstack/react-router';
import { localize } from '../../shared/locale.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { fetchTimeline } from './api.ts';
import { TimelineChart } from './charts/TimelineChart.tsx';
import { dateTime, duration } from './format.ts';
import { ResourceStatus } from './Status.tsx';
import { useResource } from './use-resource.ts';
import './analytics.css';

export function RunTimelineScreen({ runId }: { runId: string }) {
  const t = useT();
  const locale = useLocale();
  const resource = useResource(() => fetchTimeline(runId), runId);
  const data = resource.status === 'ready' ? resource.data : null;
  return (
    <div class="analytics">
      <h1>{t('analytics.timeline.title')}</h1>
      <ResourceStatus resource={resource} />
      {data && (
        <>
          <p class="no-print">
            <Link to="/analytics/sops/$sopId" params={{ sopId: data.run.sopId }}>
              {t('analytics.backTo', { title: localize(data.run.sopTitle, locale) })}
            </Link>
          </p>
          <p>
            {t('analytics.timeline.header', {
              sop: localize(data.run.sopTitle, locale),
              v: data.run.sopVersion,
              who: data.run.userName ?? data.run.userId.slice(0, 8),
              when: dateTime(data.run.startedAt, locale),
            })}
          </p>
          <dl class="kpis">
            <div class="kpi">
              <dt>{t('analytics.col.duration')}</dt>
              <dd>{duration(data.run.durationMs)}</dd>
            </div>
            <div class="kpi">
              <dt>{t('analytics.fig.activeOnly')}</dt>
              <dd>{duration(data.run.activeDurationMs)}</dd>
            </div>
            <div class="kpi">
              <dt>{t('analytics.timeline.status')}</dt>
              <dd>
                {t(`analytics.status.${data.run.status}`)}
                {data.run.training ? ` · ${t('analytics.training.training')}` : ''}
              </dd>
            </div>
          </dl>
          <TimelineChart timeline={data} />
        </>
      )}
    </div>
  );
}
