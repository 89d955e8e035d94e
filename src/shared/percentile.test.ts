import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { median, percentile } from './percentile.ts';

/**
 * Reference written another way: walk the sorted values and find the pair of closest
 * ranks whose positions p·(n−1) falls between, then weigh them by distance.
 */
function referencePercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  for (let rank = 0; rank < sorted.length; rank++) {
    const here = sorted[rank] as number;
    if (position === rank) return here;
    const next = sorted[rank + 1];
    if (next !== undefined && position > rank && position < rank + 1) {
      const weight = position - rank;
      return here * (1 - weight) + next * weight;
    }
  }
  return sorted[sorted.length - 1] as number;
}

/** Relative to the data's magnitude: interpolating between ±1e300 cancels to ~0 with ~1e284 of rounding. */
const closeTo = (actual: number, expected: number, values: readonly number[]) =>
  Math.abs(actual - expected) <= 1e-9 * Math.max(1, ...values.map(Math.abs));

const finiteValues = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

describe('percentile: known values (percentile_cont / numpy linear)', () => {
  test.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.9, 3.7],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[10, 20, 30, 40, 50], 0.5, 30],
    [[15, 20, 35, 40, 50], 0.4, 29],
    [[7], 0.5, 7],
    [[7], 0.99, 7],
  ])('%j at p=%d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 12);
  });

  test('does not depend on the input order and leaves the input alone', () => {
    const values = [40, 10, 30, 20];
    expect(percentile(values, 0.5)).toBe(25);
    expect(values).toEqual([40, 10, 30, 20]);
  });

  test('p=0 is the minimum and p=1 the maximum', () => {
    expect(percentile([5, -3, 12, 8], 0)).toBe(-3);
    expect(percentile([5, -3, 12, 8], 1)).toBe(12);
  });

  test('stays finite when the values span more than Number.MAX_VALUE', () => {
    const extremes = [-Number.MAX_VALUE, Number.MAX_VALUE];
    expect(percentile(extremes, 0.5)).toBe(0);
    expect(percentile(extremes, 0)).toBe(-Number.MAX_VALUE);
    expect(percentile(extremes, 0.25)).toBeCloseTo(-Number.MAX_VALUE / 2, -300);
  });

  test('median is p50', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });

  test('no values gives null', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(median([])).toBeNull();
  });

  test.each([-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('p=%d outside [0, 1] throws', (p) => {
    expect(() => percentile([1, 2, 3], p)).toThrow(RangeError);
  });
});

describe('percentile: properties', () => {
  test('equals a reference that walks the ranks', () => {
    fc.assert(
      fc.property(finiteValues, fraction, (values, p) => {
        const actual = percentile(values, p) as number;
        const expected = referencePercentile(values, p) as number;
        expect(closeTo(actual, expected, values), `${actual} vs ${expected}`).toBe(true);
      }),
    );
  });

  test('lies between the minimum and the maximum', () => {
    fc.assert(
      fc.property(finiteValues, fraction, (values, p) => {
        const result = percentile(values, p) as number;
        expect(result).toBeGreaterThanOrEqual(Math.min(...values));
        expect(result).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });

  test('is monotone in p', () => {
    fc.assert(
      fc.property(finiteValues, fraction, fraction, (values, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(percentile(values, lo) as number).toBeLessThanOrEqual(percentile(values, hi) as number);
      }),
    );
  });
});
