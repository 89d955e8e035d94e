/**
 * A chart with its alternatives: a caption, the SVG (an image named by the caption and
 * described by a one-sentence summary shown under it), and the same data as a table behind a disclosure, which is also
 * what prints under the chart.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useT } from '../../i18n/index.ts';

interface Props {
  title: string;
  /** One sentence saying what the chart shows (its text alternative). */
  summary: string;
  height: number;
  children: ComponentChildren;
  table: ComponentChildren;
}

export function ChartFigure({ title, summary, height, children, table }: Props) {
  const t = useT();
  const id = useId();
  return (
    <figure class="chart">
      <figcaption id={`${id}-title`} class="chart-title">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 360 ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        class="chart-svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{title}</title>
        {children}
      </svg>
      <p id={`${id}-desc`} class="chart-summary">
        {summary}
      </p>
      <details class="chart-data">
        <summary>{t('analytics.chart.table')}</summary>
        {table}
      </details>
    </figure>
  );
}
