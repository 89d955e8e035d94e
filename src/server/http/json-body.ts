/**
 * Request validators built on hono/validator, so the route's input type flows into
 * `AppType` for a typed client. The JSON body must be sent as application/json (else
 * 415); malformed JSON makes hono/validator throw a 400 HTTPException, which the app's
 * error handler turns into `invalid_json`.
 */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type * as z from 'zod/mini';
import { invalidRequest, respondError } from './api-error.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function isJsonRequest(c: Context): boolean {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
  return JSON_MEDIA_TYPE.test(mediaType);
}

/** Validates the JSON body with `schema`; `precheck` may answer first (e.g. protocol 426). */
export const jsonBody = <S extends z.ZodMiniType>(
  schema: S,
  precheck?: (value: unknown, c: Context) => Response | null,
) =>
  validator('json', (value, c) => {
    if (!isJsonRequest(c)) return respondError(c, 415, 'unsupported_media_type', 'Send the body as application/json.');
    const early = precheck?.(value, c);
    if (early) return early;
    const parsed = schema.safeParse(value);
    if (!parsed.success) return invalidRequest(c, parsed.error);
    return parsed.data as z.infer<S>;
  });

/** Validates the query string with `schema`. */
export const query = <S extends z.ZodMiniType>(schema: S) =>
  validator('query', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return invalidRequest(c, parsed.error);
    return parsed.data as z.infer<S>;
  });
