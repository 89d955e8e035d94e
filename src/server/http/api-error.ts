/**
 * How the API says no. Every refusal is JSON in the shared ApiError shape: a
 * machine-readable `error` code, a message for people, and for schema failures the list
 * of issues with their paths. Bad input is answered 4xx here, before any handler runs;
 * a 5xx means the server itself failed and never carries internals.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import type { ApiError } from '../../shared/sync.ts';

export type Issue = NonNullable<ApiError['issues']>[number];

export const apiError = (error: string, message: string, issues?: Issue[]): ApiError =>
  issues ? { error, message, issues } : { error, message };

/** Answers an ApiError; the literal status stays in the type, so typed clients can narrow on it. */
export function respondError<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  error: string,
  message: string,
  issues?: Issue[],
) {
  return c.json(apiError(error, message, issues), status);
}

/** Zod issues as `{ path: 'events.3.payload', message }`, capped so a huge bad body stays small. */
export function issuesOf(error: z.core.$ZodError, max = 20): Issue[] {
  return error.issues.slice(0, max).map((issue) => ({
    path: issue.path.map((p) => String(p)).join('.'),
    message: issue.message,
  }));
}

export function invalidRequest(c: Context, error: z.core.$ZodError) {
  return respondError(c, 400, 'invalid_request', 'The request does not match the expected schema.', issuesOf(error));
}
