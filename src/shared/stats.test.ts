import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, fisherExact, mannWhitneyU, twoProportionZ, twoSidedNormalP } from './stats.ts';

describe('erfc and the normal tail', () => {
  it('matches reference values', () => {
    // erfc(3) = 2.209049699858544e-05 (Abramowitz & Stegun table 7.1; Python math.erfc).
    expect(erfc(3)).toBeCloseTo(2.209049699858544e-5, 17);
    expect(erfc(0)).toBe(1);
    expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 15);
    // The familiar two-sided 5 % point of the normal: z = 1.959963984540054.
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedNormalP(-1.959963984540054)).toBeCloseTo(0.05, 12);
  });
});

describe('Mann–Whitney U', () => {
  // scipy.stats.mannwhitneyu documentation: ages of male and female participants.
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];

  it('uses the exact distribution for small samples without ties (scipy doc: U = 17, p = 0.1111)', () => {
    const result = mannWhitneyU(males, females);
    expect(result?.statistic).toBe(17);
    // 2 · 7/126: seven of the C(9,4) = 126 arrangements have U ≥ 17.
    expect(result?.p).toBeCloseTo(0.1111111111111111, 14);
  });

  it('the other way round gives U₂ = n₁n₂ − U₁ and the same p', () => {
    const result = mannWhitneyU(females, males);
    expect(result?.statistic).toBe(3);
    expect(result?.p).toBeCloseTo(0.1111111111111111, 14);
  });

  it('complete separation of 8 and 9 values: p = 2/C(17,8) (scipy: 8.227067050596462e-05)', () => {
    const result = mannWhitneyU([1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(result?.statistic).toBe(0);
    expect(result?.p).toBeCloseTo(2 / 24310, 15);
  });

  it('uses the tie- and continuity-corrected normal approximation when there are ties', () => {
    // Reference computed with scipy.stats.mannwhitneyu(x, y) (method 'auto' → asymptotic).
    const x = [1, 2, 2, 3, 3, 3, 4, 5, 7, 8, 8, 9, 12, 13, 15, 15, 16, 20, 21, 22, 25];
    const y = [3, 4, 4, 6, 6, 7, 9, 10, 10, 11, 14, 17, 18, 19, 19, 23, 24, 26, 27, 30, 31, 33];
    const result = mannWhitneyU(x, y);
    expect(result?.statistic).toBe(145.5);
    expect(result?.p).toBeCloseTo(0.03874188806813647, 12);
  });

  it('uses the normal approximation for samples over 20 (scipy: U = 367.5, p = 0.000838519)', () => {
    const a = [12, 15, 15, 18, 20, 20, 20, 25, 30, 31, 35, 40, 41, 41, 50, 55, 60, 61, 70, 80, 81, 90, 95];
    const b = [10, 11, 11, 12, 14, 15, 15, 16, 18, 19, 20, 21, 22, 22, 25, 26, 27, 30, 30, 31];
    const result = mannWhitneyU(a, b);
    expect(result?.statistic).toBe(367.5);
    expect(result?.p).toBeCloseTo(0.0008385187441792827, 14);
  });

  it('is null for an empty sample and 1 for identical samples', () => {
    expect(mannWhitneyU([], [1])).toBeNull();
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5])?.p).toBe(1);
  });

  it('gives p in [0, 1], symmetric in its samples', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = mannWhitneyU(a, b);
        const ba = mannWhitneyU(b, a);
        expect(ab?.p).toBeGreaterThanOrEqual(0);
        expect(ab?.p).toBeLessThanOrEqual(1);
        expect(ab?.p).toBeCloseTo(ba?.p ?? -1, 12);
        expect((ab?.statistic ?? 0) + (ba?.statistic ?? 0)).toBe(a.length * b.length);
      }),
    );
  });
});

describe("Fisher's exact test", () => {
  it('lady tasting tea [[3, 1], [1, 3]]: p = 0.4857 (Fisher 1935; 34/70)', () => {
    const result = fisherExact(3, 1, 1, 3);
    expect(result.p).toBeCloseTo(34 / 70, 14);
    expect(result.statistic).toBe(9);
  });

  it('Wikipedia’s dieting/studying table [[1, 9], [11, 3]]: p = 0.002759', () => {
    expect(fisherExact(1, 9, 11, 3).p).toBeCloseTo(0.0027594561852200836, 14);
  });

  it('scipy.stats.fisher_exact documentation table [[6, 2], [1, 4]]: p = 0.1026', () => {
    const result = fisherExact(6, 2, 1, 4);
    expect(result.p).toBeCloseTo(0.10256410256410256, 14);
    expect(result.statistic).toBe(12);
  });

  it('[[8, 2], [1, 5]]: p = 0.034965 (scipy)', () => {
    expect(fisherExact(8, 2, 1, 5).p).toBeCloseTo(0.034965034965034975, 14);
  });

  it('is 1 when the groups do not differ, and the same for the transposed table', () => {
    expect(fisherExact(0, 10, 0, 10).p).toBe(1);
    const cell = fc.integer({ min: 0, max: 30 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const p = fisherExact(a, b, c, d).p;
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(fisherExact(a, c, b, d).p).toBeCloseTo(p, 10);
      }),
    );
  });
});

describe('two-proportion z test', () => {
  it('45/100 against 30/100: z = 2.19089, p = 0.028460 (pooled; checked with scipy.stats.norm)', () => {
    const result = twoProportionZ(45, 100, 30, 100);
    expect(result?.statistic).toBeCloseTo(2.1908902300206647, 12);
    expect(result?.p).toBeCloseTo(0.02845973691631055, 12);
  });

  it('is 1 when both proportions are 0 and null on an empty group', () => {
    expect(twoProportionZ(0, 10, 0, 12)?.p).toBe(1);
    expect(twoProportionZ(0, 0, 1, 2)).toBeNull();
  });
});
