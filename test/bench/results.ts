/**
 * Benchmark results: every benchmark returns entries of this shape; run.ts prints them
 * as a table and writes bench-results.json (a list of entries) for tracking over time.
 */
export interface BenchEntry {
  id: string;
  value: number;
  unit: string;
  budget: number | null;
  better: 'lower' | 'higher';
}

export const withinBudget = (e: BenchEntry): boolean | null =>
  e.budget === null ? null : e.better === 'lower' ? e.value <= e.budget : e.value >= e.budget;

export function formatTable(entries: readonly BenchEntry[]): string {
  const rows = entries.map((e) => {
    const ok = withinBudget(e);
    const budget = e.budget === null ? '—' : `${e.better === 'lower' ? '≤' : '≥'} ${e.budget}`;
    return [e.id, `${shown(e)} ${e.unit}`, budget, ok === null ? '' : ok ? 'ok' : 'OVER BUDGET'];
  });
  const header = ['benchmark', 'value', 'budget', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The value as printed: whole above 100, else two decimals (three for ratios), rounded
 * toward the worse side, so that a printed value never looks better than the measure: a
 * ratio of 0.4996 against a goal of 0.5 prints 0.499, not 0.5.
 */
function shown({ value, unit, better }: BenchEntry): number {
  const scale = Math.abs(value) >= 100 ? 1 : unit === 'ratio' ? 1000 : 100;
  const scaled = value * scale;
  // The epsilon keeps float noise (0.57 * 1000 = 569.999…) from moving a value a step.
  return (better === 'higher' ? Math.floor(scaled + 1e-9) : Math.ceil(scaled - 1e-9)) / scale;
}
