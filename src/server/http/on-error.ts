/**
 * The last line: turns a thrown error into a JSON answer without leaking internals.
 * Malformed JSON (hono/validator throws a 400 HTTPException) becomes `invalid_json`; a
 * database that cannot be reached becomes 503 `database_unavailable`, which a device
 * retries later; anything else is logged and answered 500 `internal_error`.
 */
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { respondError } from './api-error.ts';

// Connection failures (Node socket errors) and PostgreSQL classes 08 (connection) and
// 57P (operator intervention: shutdown, cannot connect now).
const UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|08\d{3}|57P0[1-3])$/;

/** The error and its causes (drizzle wraps driver errors in DrizzleQueryError.cause). */
function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (chain.length < 5 && typeof current === 'object' && current !== null) {
    chain.push(current);
    current = 'cause' in current ? current.cause : undefined;
  }
  return chain;
}

// The last one: node-postgres lost the connection under a query (backend killed, restart).
const CLOSED = /PGlite is closed|Cannot use a pool after calling end|Connection terminated/i;

function isDatabaseUnavailable(error: unknown): boolean {
  return causeChain(error).some(
    (e) =>
      ('code' in e && typeof e.code === 'string' && UNAVAILABLE.test(e.code)) ||
      (e instanceof Error && CLOSED.test(e.message)),
  );
}

export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HTTPException) {
    if (error.status === 400) return respondError(c, 400, 'invalid_json', 'The request body is not valid JSON.');
    if (error.status === 413) return respondError(c, 413, 'payload_too_large', 'The request body is too large.');
    return respondError(c, error.status, 'http_error', error.message);
  }
  if (isDatabaseUnavailable(error)) {
    return respondError(c, 503, 'database_unavailable', 'The database is unavailable; try again later.');
  }
  console.error(`${c.req.method} ${c.req.path} failed:`, error);
  return respondError(c, 500, 'internal_error', 'The server failed to handle the request.');
};
