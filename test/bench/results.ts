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
    return [e.id, `${round(e.value, e.unit)} ${e.unit}`, budget, ok === null ? '' : ok ? 'ok' : 'OVER BUDGET'];
  });
  const header = ['benchmark', 'value', 'budget', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Ratios keep three decimals: with two, 0.497 would print as 0.5 beside its goal of 0.5. */
function round(v: number, unit: string): number {
  if (Math.abs(v) >= 100) return Math.round(v);
  const scale = unit === 'ratio' ? 1000 : 100;
  return Math.round(v * scale) / scale;
}
