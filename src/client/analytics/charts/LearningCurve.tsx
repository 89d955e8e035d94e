/**
 * A new hire's learning curve on one SOP: each completed run's duration by run number,
 * against the team's band (quartiles of everyone else's regular runs) and the proficiency
 * threshold (1.25 × the team median). Runs with a flagged step are drawn as crosses.
 */
import type { OnboardingTeam } from '../../../shared/analytics-wire.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { day, duration } from '../format.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { durationTicks, linear, PAD, shortDuration, WIDTH } from './scale.ts';

type TrackItem = OnboardingTeam['people'][number]['track'][number];
const HEIGHT = 200;

export function LearningCurve({ item, title }: { item: TrackItem; title: string }) {
  const t = useT();
  const locale = useLocale();
  const { curve } = item;
  const max = Math.max(item.teamQ3Ms ?? 0, item.thresholdMs ?? 0, ...curve.map((p) => p.durationMs));
  const ticks = durationTicks(max);
  const y = linear(0, ticks[ticks.length - 1] ?? 1, HEIGHT - PAD.bottom, PAD.top);
  const x = linear(1, Math.max(2, curve.length), PAD.left + 6, WIDTH - PAD.right - 6);
  const summary = item.reached
    ? t('analytics.curve.reached', { k: item.atRun ?? 0, days: item.days ?? 0 })
    : t('analytics.curve.notYet', { n: curve.length, threshold: duration(item.thresholdMs) });
  const table = (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('analytics.curve.run')}</th>
          <th scope="col">{t('analytics.col.date')}</th>
          <th scope="col">{t('analytics.col.duration')}</th>
          <th scope="col">{t('analytics.col.flagged')}</th>
        </tr>
      </thead>
      <tbody>
        {curve.map((p) => (
          <tr key={p.runId}>
            <td>{p.training ? t('analytics.curve.trainingRun', { n: p.n }) : p.n}</td>
            <td>{day(p.startedAt, locale)}</td>
            <td>{duration(p.durationMs)}</td>
            <td>{p.errored ? t('analytics.yes') : t('analytics.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure title={title} summary={summary} height={HEIGHT} table={table}>
      {ticks.map((v) => (
        <g key={v} class="chart-grid">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
          <text x={PAD.left - 4} y={y(v) + 4} text-anchor="end">
            {shortDuration(v)}
          </text>
        </g>
      ))}
      {item.teamQ1Ms !== null && item.teamQ3Ms !== null && (
        <rect
          class="chart-band"
          x={PAD.left}
          width={WIDTH - PAD.left - PAD.right}
          y={y(item.teamQ3Ms)}
          height={Math.max(1, y(item.teamQ1Ms) - y(item.teamQ3Ms))}
        />
      )}
      {item.thresholdMs !== null && (
        <line
          class="chart-threshold"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={y(item.thresholdMs)}
          y2={y(item.thresholdMs)}
        />
      )}
      <polyline class="chart-line" fill="none" points={curve.map((p) => `${x(p.n)},${y(p.durationMs)}`).join(' ')} />
      {curve.map((p) =>
        p.errored ? (
          <path key={p.runId} class="chart-error" d={`M${x(p.n) - 4},${y(p.durationMs) - 4}l8,8m0,-8l-8,8`} />
        ) : (
          <circle key={p.runId} class="chart-dot" cx={x(p.n)} cy={y(p.durationMs)} r={3} />
        ),
      )}
    </ChartFigure>
  );
}
