/**
 * The one door to the network for sync. Every failure becomes a typed reason instead of
 * an exception: offline, timeout (30 s), an HTTP error status, a body that is not JSON
 * (a captive portal's HTML page), or JSON that fails the shared schema. Two statuses
 * are states rather than errors: 426 (this app speaks a protocol the server no longer
 * accepts: `update_required`, with the server's minimum) and 401 (`sign_in_required`).
 * A `Retry-After` header on a failure is returned as milliseconds to wait.
 */
import * as z from 'zod/mini';
import { ApiError } from '../../shared/sync.ts';
import { retryAfterMs } from './backoff.ts';

export const REQUEST_TIMEOUT_MS = 30_000;

export type SyncErrorReason =
  | 'offline'
  | 'timeout'
  | 'http'
  | 'not_json'
  | 'invalid_response'
  | 'mismatch'
  | 'update_required'
  | 'sign_in_required';

export interface HttpFailure {
  ok: false;
  reason: SyncErrorReason;
  status?: number;
  /** How long the server asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /** The lowest protocol the server accepts (426 only). */
  minimum?: number;
  /** The machine-readable `error` of an ApiError body, when the answer had one. */
  code?: string;
}

export type HttpResult<T> = { ok: true; value: T } | HttpFailure;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const UpgradeBody = z.object({ minimum: z.int() });

async function failureOf(response: Response): Promise<HttpFailure> {
  const wait = retryAfterMs(response.headers.get('retry-after'), Date.now());
  const failure: HttpFailure = { ok: false, reason: 'http', status: response.status };
  if (wait !== null) failure.retryAfterMs = wait;
  const body: unknown = await response.json().catch(() => null);
  const apiError = z.safeParse(ApiError, body);
  if (apiError.success) failure.code = apiError.data.error;
  if (response.status === 401) failure.reason = 'sign_in_required';
  if (response.status === 426) {
    failure.reason = 'update_required';
    const upgrade = z.safeParse(UpgradeBody, body);
    if (upgrade.success) failure.minimum = upgrade.data.minimum;
  }
  return failure;
}

/**
 * Sends a request with a 30 s deadline covering the body too, and hands the response
 * to `read`. Network errors and the deadline become failures instead of exceptions.
 */
export async function request<T>(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  read: (response: Response, aborted: () => boolean) => Promise<HttpResult<T>>,
): Promise<HttpResult<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const aborted = () => controller.signal.aborted;
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal: controller.signal });
    } catch {
      return { ok: false, reason: aborted() ? 'timeout' : 'offline' };
    }
    if (!response.ok) return await failureOf(response);
    return await read(response, aborted);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a request and validates a 2xx JSON body with `schema`. */
export function requestJson<T>(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  schema: z.ZodMiniType<T>,
): Promise<HttpResult<T>> {
  return request(fetchImpl, url, init, async (response, aborted) => {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, reason: aborted() ? 'timeout' : 'not_json', status: response.status };
    }
    const parsed = z.safeParse(schema, body);
    if (!parsed.success) return { ok: false, reason: 'invalid_response', status: response.status };
    return { ok: true, value: parsed.data };
  });
}
