/**
 * When to try again after a failed sync.
 *
 * Exponential backoff with "full jitter": after the n-th failure in a row the wait is a
 * uniformly random time in [0, min(5 min, 1 s · 2^(n-1))]. The randomness spreads the
 * retries of a whole fleet of phones that lost the server at the same moment, so they
 * do not all come back in the same second. A server's `Retry-After` (seconds, or an HTTP
 * date) is a floor: we never come back earlier than it asked.
 */

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A Retry-After beyond this is read as this: a misconfigured proxy must not silence a phone for days. */
export const RETRY_AFTER_CAP_MS = 60 * 60_000;

/** The wait before retry number `failures` (1 = after the first failure). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
  return Math.floor(random() * ceiling);
}

/** Milliseconds a `Retry-After` header asks for, or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (Number.isNaN(ms)) return null;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}

/** The wait after a failure: the jittered backoff, but never less than Retry-After. */
export function nextDelay(failures: number, retryAfter: number | undefined, random?: () => number): number {
  return Math.max(backoffDelay(failures, random), retryAfter ?? 0);
}
