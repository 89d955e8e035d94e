import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay, nextDelay, RETRY_AFTER_CAP_MS, retryAfterMs } from './backoff.ts';

describe('backoff', () => {
  it('draws a full-jitter delay under 1 s · 2^(n-1), capped at 5 minutes', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(0);
    expect(backoffDelay(1, () => 0.999)).toBe(999);
    expect(backoffDelay(4, () => 0.5)).toBe(4000);
    expect(backoffDelay(4, () => 0)).toBe(0);
    expect(backoffDelay(50, () => 0.999)).toBe(Math.floor(0.999 * BACKOFF_CAP_MS));
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 01 Mar 2025 10:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('Sat, 01 Mar 2025 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('999999', now)).toBe(RETRY_AFTER_CAP_MS);
  });

  it('never waits less than Retry-After', () => {
    expect(nextDelay(1, 90_000, () => 0.5)).toBe(90_000);
    expect(nextDelay(9, 1_000, () => 0.5)).toBe(128_000);
    expect(nextDelay(10, 1_000, () => 0.5)).toBe(150_000);
  });
});
