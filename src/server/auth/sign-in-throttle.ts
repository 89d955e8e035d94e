/**
 * Sign-in rate limiting with growing delays, per account and per client address.
 *
 * Each key (an email, an IP) counts its failures in a rolling window. Up to `free`
 * failures cost nothing; after that every further attempt must wait 2^(failures − free)
 * seconds from the last failure, capped at `maxDelayMs`. A blocked attempt is answered
 * 429 with Retry-After BEFORE the password is checked, so guessing gains nothing and
 * costs no hashing. A success clears the account's count (not the address's: one
 * attacker trying many accounts from one address stays slowed). Memory is bounded:
 * stale keys are swept and the map never grows beyond `maxKeys`.
 */
export interface ThrottlePolicy {
  free: number;
  windowMs: number;
  maxDelayMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, windowMs: 15 * 60_000, maxDelayMs: 15 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, windowMs: 15 * 60_000, maxDelayMs: 15 * 60_000 };

interface Failures {
  count: number;
  last: number;
}

export class Throttle {
  private readonly keys = new Map<string, Failures>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds to wait before `key` may try again (0: now). */
  waitMs(key: string, now = Date.now()): number {
    const entry = this.fresh(key, now);
    if (!entry || entry.count < this.policy.free) return 0;
    const delay = Math.min(1000 * 2 ** (entry.count - this.policy.free), this.policy.maxDelayMs);
    return Math.max(0, entry.last + delay - now);
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.fresh(key, now) ?? { count: 0, last: now };
    entry.count += 1;
    entry.last = now;
    this.keys.delete(key); // re-insert: the map's order is then oldest activity first
    this.keys.set(key, entry);
    if (this.keys.size > this.maxKeys) this.sweep(now);
  }

  clear(key: string): void {
    this.keys.delete(key);
  }

  private fresh(key: string, now: number): Failures | undefined {
    const entry = this.keys.get(key);
    if (entry && now - entry.last > this.policy.windowMs) {
      this.keys.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.keys) {
      if (this.keys.size <= this.maxKeys / 2 && now - entry.last <= this.policy.windowMs) break;
      this.keys.delete(key);
    }
  }
}
