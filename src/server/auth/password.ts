/**
 * Password hashing with Node's scrypt, a memory-hard KDF (no native dependency).
 * Parameters follow OWASP's scrypt guidance (N = 2^15, r = 8, p = 3: 32 MiB per hash,
 * about 0.1–0.3 s here) and are stored with every hash as `scrypt$N$r$p$salt$hash`
 * (base64url), so they can be raised later and old hashes still verify. scrypt runs on
 * libuv's thread pool: hashing never blocks the event loop. Comparison is constant-time.
 */
import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // maxmem must exceed 128 · N · r bytes, or scrypt refuses the parameters.
  const maxmem = 256 * (options.N ?? PARAMS.N) * (options.r ?? PARAMS.r);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Parameters a stored hash may carry: a damaged row must fail the check, not the request. */
const saneParams = ({ N, r, p }: { N: number; r: number; p: number }): boolean =>
  Number.isInteger(Math.log2(N)) && N >= 2 ** 10 && N <= 2 ** 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !key || !saneParams(params)) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random secret: verifying against it costs the same time as a real account. */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
};
