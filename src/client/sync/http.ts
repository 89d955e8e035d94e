/**
 * The one door to the network for sync. Every failure becomes a typed reason instead of
 * an exception: offline, timeout (30 s), an HTTP error status, a body that is not JSON
 * (a captive portal's HTML page), or JSON that fails the shared schema.
 */
import * as z from 'zod/mini';

export const REQUEST_TIMEOUT_MS = 30_000;

export type SyncErrorReason = 'offline' | 'timeout' | 'http' | 'not_json' | 'invalid_response' | 'mismatch';

export type HttpResult<T> = { ok: true; value: T } | { ok: false; reason: SyncErrorReason; status?: number };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Sends a request and validates a 2xx JSON body with `schema`. */
export async function requestJson<T>(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  schema: z.ZodMiniType<T>,
): Promise<HttpResult<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, signal: controller.signal });
  } catch {
    clearTimeout(timer);
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'offline' };
  }
  try {
    if (!response.ok) return { ok: false, reason: 'http', status: response.status };
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'not_json', status: response.status };
    }
    const parsed = z.safeParse(schema, body);
    if (!parsed.success) return { ok: false, reason: 'invalid_response', status: response.status };
    return { ok: true, value: parsed.data };
  } finally {
    clearTimeout(timer);
  }
}
