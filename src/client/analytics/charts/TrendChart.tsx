/** Weekly median duration as a line, with the number of runs of each week in the table. */
import type { WeekPoint } from '../../../shared/analytics.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { day, duration } from '../format.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { durationTicks, linear, PAD, shortDuration, WIDTH } from './scale.ts';

const HEIGHT = 200;

export function TrendChart({ points }: { points: WeekPoint[] }) {
  const t = useT();
  const locale = useLocale();
  const withMedian = points.filter((p) => p.medianMs !== null);
  const max = Math.max(0, ...withMedian.map((p) => p.medianMs as number));
  const ticks = durationTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const x = linear(0, Math.max(1, points.length - 1), PAD.left, WIDTH - PAD.right);
  const y = linear(0, top, HEIGHT - PAD.bottom, PAD.top);
  const path = withMedian
    .map((p) => `${x(points.indexOf(p)).toFixed(1)},${y(p.medianMs as number).toFixed(1)}`)
    .join(' ');
  const first = withMedian[0];
  const last = withMedian[withMedian.length - 1];
  const summary =
    first && last
      ? t('analytics.trend.summary', {
          weeks: points.length,
          from: duration(first.medianMs),
          to: duration(last.medianMs),
        })
      : t('analytics.noData');
  return (
    <ChartFigure
      title={t('analytics.trend.title')}
      summary={summary}
      height={HEIGHT}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t('analytics.trend.week')}</th>
              <th scope="col">{t('analytics.col.runs')}</th>
              <th scope="col">{t('analytics.col.median')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.weekStart}>
                <td>{day(p.weekStart, locale)}</td>
                <td>{p.runs}</td>
                <td>{duration(p.medianMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {ticks.map((v) => (
        <g key={v} class="chart-grid">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
          <text x={PAD.left - 4} y={y(v) + 4} text-anchor="end">
            {shortDuration(v)}
          </text>
        </g>
      ))}
      <polyline class="chart-line" points={path} fill="none" />
      {withMedian.map((p) => (
        <circle key={p.weekStart} class="chart-dot" cx={x(points.indexOf(p))} cy={y(p.medianMs as number)} r={3} />
      ))}
      {first && (
        <text x={PAD.left} y={HEIGHT - 8} class="chart-axis">
          {day(first.weekStart, locale)}
        </text>
      )}
      {last && last !== first && (
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end" class="chart-axis">
          {day(last.weekStart, locale)}
        </text>
      )}
    </ChartFigure>
  );
}
