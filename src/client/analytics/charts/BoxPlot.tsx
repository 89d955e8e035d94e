/** The spread of run durations: whiskers, quartile box, median, and the outlier fence (Q3 + 1.5·IQR). */
import type { SopReport } from '../../../shared/analytics-wire.ts';
import { useT } from '../../i18n/index.ts';
import { duration } from '../format.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { durationTicks, linear, PAD, shortDuration, WIDTH } from './scale.ts';

const HEIGHT = 110;

export function BoxPlot({ box }: { box: SopReport['box'] }) {
  const t = useT();
  const { minMs, q1Ms, medianMs, q3Ms, maxMs, fenceMs } = box;
  const rows: [string, number | null][] = [
    [t('analytics.box.min'), minMs],
    [t('analytics.box.q1'), q1Ms],
    [t('analytics.col.median'), medianMs],
    [t('analytics.box.q3'), q3Ms],
    [t('analytics.box.max'), maxMs],
    [t('analytics.box.fence'), fenceMs],
  ];
  const table = (
    <table>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{duration(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const title = t('analytics.box.title');
  if (minMs === null || q1Ms === null || medianMs === null || q3Ms === null || maxMs === null) {
    return <ChartFigure title={title} summary={t('analytics.noData')} height={HEIGHT} table={table} children={null} />;
  }
  const ticks = durationTicks(maxMs);
  const x = linear(0, ticks[ticks.length - 1] ?? maxMs, PAD.left, WIDTH - PAD.right);
  const whiskerEnd = Math.min(maxMs, fenceMs ?? maxMs);
  const mid = 45;
  const summary = t('analytics.box.summary', {
    q1: duration(q1Ms),
    q3: duration(q3Ms),
    median: duration(medianMs),
    max: duration(maxMs),
  });
  return (
    <ChartFigure title={title} summary={summary} height={HEIGHT} table={table}>
      {ticks.map((v) => (
        <g key={v} class="chart-grid">
          <line x1={x(v)} x2={x(v)} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
          <text x={x(v)} y={HEIGHT - 8} text-anchor="middle">
            {shortDuration(v)}
          </text>
        </g>
      ))}
      <line class="chart-whisker" x1={x(minMs)} x2={x(whiskerEnd)} y1={mid} y2={mid} />
      <rect class="chart-box" x={x(q1Ms)} y={mid - 16} width={Math.max(1, x(q3Ms) - x(q1Ms))} height={32} />
      <line class="chart-median" x1={x(medianMs)} x2={x(medianMs)} y1={mid - 16} y2={mid + 16} />
      {maxMs > whiskerEnd && <circle class="chart-outlier" cx={x(maxMs)} cy={mid} r={4} />}
    </ChartFigure>
  );
}
