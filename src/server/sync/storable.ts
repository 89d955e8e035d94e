/**
 * What PostgreSQL refuses to store, caught before it reaches the database: a NUL
 * character in text or jsonb, a lone UTF-16 surrogate in jsonb, and (for raw input kept in
 * dead letters) arbitrarily deep nesting. Letting any of these through would turn one bad
 * event into a failed transaction for the whole batch.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what we look for.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: see above.
const UNSTORABLE_ALL = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAX_DEPTH = 32;

/** A JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True when some string (value or key) inside `value` cannot be stored as-is. Plain loops:
 * every pushed event goes through it.
 */
export function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (hasUnstorableText(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (UNSTORABLE.test(key) || hasUnstorableText((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** A text safe for a PostgreSQL text column: unstorable characters become U+FFFD. */
export const storableText = (text: string): string => text.replace(UNSTORABLE_ALL, '\uFFFD');

/** A copy of untrusted JSON that PostgreSQL accepts as jsonb (kept for inspection, not replay). */
export function storableCopy(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value) || isRecord(value)) {
    if (depth >= MAX_DEPTH) return '[nested too deep]';
    if (Array.isArray(value)) return value.map((v) => storableCopy(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableCopy(v, depth + 1)]));
  }
  return value === undefined ? null : value;
}
