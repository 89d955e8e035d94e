/**
 * Two-sample significance tests for the version comparison (design.md: Mann–Whitney U
 * for durations, Fisher's exact test or a two-proportion z test for error rates).
 *
 * - Mann–Whitney U, two-sided. Ranks of the pooled sample with ties given their average
 *   rank; U₁ = R₁ − n₁(n₁+1)/2. Small samples without ties (both n ≤ 20) use the exact
 *   null distribution of U, counted by the recurrence c(m, n, u) = c(m−1, n, u−n) +
 *   c(m, n−1, u); p = 2·P(U ≥ max(U₁, U₂)), capped at 1. Otherwise the normal
 *   approximation with the tie-corrected variance
 *   σ² = n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and a continuity correction of ½:
 *   z = (max(U₁, U₂) − n₁n₂/2 − ½)/σ. These are the choices of scipy.stats.mannwhitneyu
 *   (method 'auto'), so its documented values are the reference.
 * - Fisher's exact test, two-sided: the sum of the hypergeometric probabilities of every
 *   table with the observed margins that is no more likely than the observed one (with a
 *   relative tolerance of 1e-7, as R and scipy do, so equal probabilities computed by
 *   different paths count as equal). Probabilities come from the ratio of consecutive
 *   terms, normalised, so no factorial ever overflows.
 * - Two-proportion z test with the pooled proportion.
 * The normal tail uses erfc, computed from a positive series below 3 and a continued
 * fraction above, accurate to ~1e-15 relative: enough for p-values of any size.
 */

export interface TestResult {
  /** The test statistic (U₁, the odds ratio's table count, or z). */
  statistic: number;
  /** Two-sided p-value in [0, 1]. */
  p: number;
}

/** Significance threshold the product uses everywhere. */
export const ALPHA = 0.05;
const EXACT_LIMIT = 20;

/** erfc(x) for x ≥ 0. */
function erfcPositive(x: number): number {
  if (x < 3) {
    // erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): all terms positive.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards.
  let fraction = x;
  for (let k = 60; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}

export function erfc(x: number): number {
  return x >= 0 ? erfcPositive(x) : 2 - erfcPositive(-x);
}

/** Two-sided normal tail: P(|Z| ≥ |z|). */
export const twoSidedNormalP = (z: number): number => Math.min(1, erfc(Math.abs(z) / Math.SQRT2));

/** Average ranks (1-based) of `values`, and Σ(t³ − t) over groups of ties. */
function averageRanks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[(order[k] as { i: number }).i] = rank;
    const t = end - start + 1;
    tieTerm += t * t * t - t;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/** Counts of each U in 0..m·n over all arrangements of m and n distinct values. */
function exactUCounts(m: number, n: number): number[] {
  // table[j][u] for the current i: rows of the recurrence kept for i−1 and i.
  let previous: number[][] = [];
  for (let i = 0; i <= m; i++) {
    const current: number[][] = [];
    for (let j = 0; j <= n; j++) {
      const row = new Array<number>(i * j + 1).fill(0);
      if (i === 0 || j === 0) row[0] = 1;
      else {
        const withoutX = previous[j] as number[]; // last element from sample 1: adds j to U
        const withoutY = current[j - 1] as number[]; // last element from sample 2: adds 0
        for (let u = 0; u < withoutX.length; u++) row[u + j] = (row[u + j] ?? 0) + (withoutX[u] ?? 0);
        for (let u = 0; u < withoutY.length; u++) row[u] = (row[u] ?? 0) + (withoutY[u] ?? 0);
      }
      current.push(row);
    }
    previous = current;
  }
  return previous[n] as number[];
}

/** Mann–Whitney U test, two-sided; null when either sample is empty. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): TestResult | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const { ranks, tieTerm } = averageRanks([...a, ...b]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i] as number;
  return mannWhitneyFromRanks({ n1, n2, u1: r1 - (n1 * (n1 + 1)) / 2, tieTerm });
}

/**
 * What the test needs from the two samples: their sizes, U₁ (the number of pairs where
 * the first sample's value is larger, ties counting ½) and Σ(t³ − t) over the groups of
 * tied values of the pooled sample. The server keeps these up to date in SQL
 * (analytics_rank_pairs), so it never ships the durations themselves.
 */
export interface RankSummary {
  n1: number;
  n2: number;
  u1: number;
  tieTerm: number;
}

/** The two-sided Mann–Whitney test from a rank summary; null when either sample is empty. */
export function mannWhitneyFromRanks({ n1, n2, u1, tieTerm }: RankSummary): TestResult | null {
  if (n1 === 0 || n2 === 0) return null;
  const big = Math.max(u1, n1 * n2 - u1);
  if (tieTerm === 0 && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) {
    const counts = exactUCounts(n1, n2);
    const total = counts.reduce((s, c) => s + c, 0);
    let atLeast = 0;
    for (let u = Math.round(big); u < counts.length; u++) atLeast += counts[u] ?? 0;
    return { statistic: u1, p: Math.min(1, (2 * atLeast) / total) };
  }
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { statistic: u1, p: 1 };
  const z = (big - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return { statistic: u1, p: Math.min(1, erfc(z / Math.SQRT2)) };
}

/** Hypergeometric probabilities of the top-left cell over its whole support. */
function hypergeometric(rowA: number, rowB: number, colA: number): { low: number; probs: number[] } {
  const low = Math.max(0, colA - rowB);
  const high = Math.min(rowA, colA);
  const weights = [1];
  for (let k = low; k < high; k++) {
    const last = weights[weights.length - 1] as number;
    weights.push((last * (rowA - k) * (colA - k)) / ((k + 1) * (rowB - colA + k + 1)));
  }
  const total = weights.reduce((s, w) => s + w, 0);
  return { low, probs: weights.map((w) => w / total) };
}

/**
 * Fisher's exact test on [[a, b], [c, d]] (rows: the two groups; columns: with / without
 * the outcome), two-sided. The statistic is the sample odds ratio ad/bc.
 */
export function fisherExact(a: number, b: number, c: number, d: number): TestResult {
  const { low, probs } = hypergeometric(a + b, c + d, a + c);
  const observed = probs[a - low] ?? 0;
  const threshold = observed * (1 + 1e-7);
  const p = probs.reduce((sum, prob) => (prob <= threshold ? sum + prob : sum), 0);
  const oddsRatio = b * c === 0 ? (a * d === 0 ? Number.NaN : Number.POSITIVE_INFINITY) : (a * d) / (b * c);
  return { statistic: oddsRatio, p: Math.min(1, p) };
}

/** Two-proportion z test (pooled), two-sided: x₁ of n₁ against x₂ of n₂. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TestResult | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { statistic: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { statistic: z, p: twoSidedNormalP(z) };
}
