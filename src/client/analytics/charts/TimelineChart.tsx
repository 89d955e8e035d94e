/**
 * One run on a time axis: a lane per step with the intervals it was current, pauses as
 * shaded bands across all lanes, and marks for flags (red), out-of-range readings, notes
 * and photos. The table alternative lists the same segments and marks in time order.
 */
import type { Timeline } from '../../../shared/analytics-wire.ts';
import { localize } from '../../../shared/locale.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { duration } from '../format.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { durationTicks, linear, PAD, shortDuration, WIDTH } from './scale.ts';

const LANE = 18;

export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const t = useT();
  const locale = useLocale();
  const lanes = [...new Set(timeline.segments.map((s) => s.stepId))];
  const height = PAD.top + lanes.length * LANE + PAD.bottom;
  const end = Math.max(1, ...timeline.segments.map((s) => s.end), ...timeline.pauses.map((p) => p.end));
  const ticks = durationTicks(end);
  const x = linear(0, ticks[ticks.length - 1] ?? end, PAD.left, WIDTH - PAD.right);
  const laneY = (stepId: string) => PAD.top + Math.max(0, lanes.indexOf(stepId)) * LANE;
  const longest = [...timeline.segments].sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  const summary = longest
    ? t('analytics.timeline.summary', {
        steps: lanes.length,
        longest: localize(longest.title, locale),
        time: duration(longest.end - longest.start),
        pauses: timeline.pauses.length,
        marks: timeline.marks.length,
      })
    : t('analytics.noData');
  const rows = [
    ...timeline.segments.map((s) => ({
      at: s.start,
      what: localize(s.title, locale),
      detail: duration(s.end - s.start),
    })),
    ...timeline.pauses.map((p) => ({
      at: p.start,
      what: t('analytics.timeline.pause'),
      detail: duration(p.end - p.start),
    })),
    ...timeline.marks.map((m) => ({ at: m.at, what: t(`analytics.mark.${m.kind}`), detail: m.detail })),
  ].sort((a, b) => a.at - b.at);
  return (
    <ChartFigure
      title={t('analytics.timeline.chart')}
      summary={summary}
      height={height}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t('analytics.timeline.at')}</th>
              <th scope="col">{t('analytics.timeline.what')}</th>
              <th scope="col">{t('analytics.timeline.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>{shortDuration(r.at)}</td>
                <td>{r.what}</td>
                <td>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {timeline.pauses.map((p) => (
        <rect
          key={p.start}
          class="chart-pause"
          x={x(p.start)}
          width={Math.max(1, x(p.end) - x(p.start))}
          y={PAD.top}
          height={lanes.length * LANE}
        />
      ))}
      {ticks.map((v) => (
        <g key={v} class="chart-grid">
          <line x1={x(v)} x2={x(v)} y1={PAD.top} y2={height - PAD.bottom} />
          <text x={x(v)} y={height - 8} text-anchor="middle">
            {shortDuration(v)}
          </text>
        </g>
      ))}
      {timeline.segments.map((s) => (
        <rect
          key={`${s.stepId}-${s.start}`}
          class="chart-segment"
          x={x(s.start)}
          width={Math.max(1.5, x(s.end) - x(s.start))}
          y={laneY(s.stepId) + 3}
          height={LANE - 6}
        />
      ))}
      {timeline.marks.map((m, i) => (
        <circle
          key={`${m.at}-${i}`}
          class={m.kind === 'flag' || m.outOfRange ? 'chart-flag' : 'chart-mark'}
          cx={x(m.at)}
          cy={laneY(m.stepId) + LANE / 2}
          r={4}
        />
      ))}
    </ChartFigure>
  );
}
