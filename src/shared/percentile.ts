/**
 * Percentiles by linear interpolation between closest ranks: the definition of
 * PostgreSQL's percentile_cont and numpy's default, so the phone and the server's SQL
 * agree. For sorted values v[0..n-1] and fraction p in [0, 1], the rank is r = p·(n−1);
 * the result is v[⌊r⌋] + (v[⌈r⌉] − v[⌊r⌋])·(r − ⌊r⌋).
 */

/** The p-th percentile (p in [0, 1]) of `values`, or null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  checkFraction(p);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const { lo, hi, fraction } = percentileRank(sorted.length, p);
  return interpolate(sorted[lo] as number, sorted[hi] as number, fraction);
}

function checkFraction(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile fraction must be in [0, 1], got ${p}`);
}

/**
 * Where the p-th percentile of n sorted values lies: between the 0-based indexes `lo`
 * and `hi` (= lo or lo + 1), at `fraction` of the way. The server uses it to read only
 * those one or two values from an index instead of sorting them all.
 */
export function percentileRank(n: number, p: number): { lo: number; hi: number; fraction: number } {
  checkFraction(p);
  const rank = p * (n - 1);
  const lo = Math.floor(rank);
  return { lo, hi: Math.ceil(rank), fraction: rank - lo };
}

/**
 * low + (high − low)·f, kept finite and inside [low, high]: high − low overflows to
 * Infinity when the values straddle ±Number.MAX_VALUE/2 (and Infinity·0 is NaN), so
 * those fall back to weighing each end; rounding can overshoot an end by an ulp, hence
 * the clamp, which also keeps the result monotone in p.
 */
export function interpolate(low: number, high: number, f: number): number {
  const direct = low + (high - low) * f;
  const result = Number.isFinite(direct) ? direct : low * (1 - f) + high * f;
  return Math.min(Math.max(result, low), high);
}

/** The median (p50). */
export const median = (values: readonly number[]) => percentile(values, 0.5);
