/**
 * A seeded pseudo-random source for the demo history, so every database gets the same
 * story: mulberry32 (a 32-bit state, full period 2^32, good enough for a demo and
 * trivially reproducible), normal deviates by Box–Muller, and UUIDv7-shaped ids whose
 * random bits come from the same source instead of the Web Crypto API.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** exp(σ·N(0, 1)): a multiplicative jitter with median 1. */
  logNormal(sigma: number): number;
  pick<T>(items: readonly T[]): T;
  /** A UUIDv7 for time `at`. */
  uuidv7(at: number): string;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    chance: (p) => next() < p,
    logNormal: (sigma) => Math.exp(sigma * normal()),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    uuidv7: (at) => {
      const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256));
      let ms = Math.max(0, Math.floor(at));
      for (let i = 5; i >= 0; i--) {
        bytes[i] = ms % 256;
        ms = Math.floor(ms / 256);
      }
      bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
      bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
