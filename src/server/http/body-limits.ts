/**
 * Request bodies of the API: limited (413 beyond the limit, so that no route reads an
 * unbounded body into memory) and read whole BEFORE the request's transaction opens
 * (auth/tenant-scope.ts). A phone on a slow network may take seconds to upload a push or
 * a photo. Read inside the transaction, its body would hold a database connection all
 * that time; with the embedded database, the only one, so every other request would wait
 * for the upload. Routes then read the body from Hono's cache (c.req.json(),
 * c.req.arrayBuffer()).
 *
 * One table holds every limit: uploads that need more than the default (a SOP import, a
 * photo, a step image) are listed with their own.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { MAX_SOP_IMAGE_BYTES } from '../../shared/sop-api.ts';
import { respondError } from './api-error.ts';
import { isJsonRequest } from './json-body.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A push of MAX_PUSH_EVENTS events is far below it. */
export const MAX_PUSH_BODY_BYTES = 1024 * 1024;
/** Largest import file accepted: 500 versions of a large SOP fit far below it. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

const limit = (maxSize: number, code: string, message: string) =>
  bodyLimit({ maxSize, onError: (c) => respondError(c, 413, code, message) });

const ROUTE_LIMITS: [RegExp, MiddlewareHandler][] = [
  [
    /^\/api\/sync\/push$/,
    limit(MAX_PUSH_BODY_BYTES, 'payload_too_large', `The body exceeds ${MAX_PUSH_BODY_BYTES} bytes.`),
  ],
  [
    /^\/api\/sops\/import$/,
    limit(MAX_IMPORT_BYTES, 'payload_too_large', `The file exceeds ${MAX_IMPORT_BYTES} bytes.`),
  ],
  [/^\/api\/photos\/[^/]+$/, limit(MAX_PHOTO_BYTES, 'too_large', `A photo may not exceed ${MAX_PHOTO_BYTES} bytes.`)],
  [
    /^\/api\/sops\/[^/]+\/images$/,
    limit(MAX_SOP_IMAGE_BYTES, 'too_large', `An image may not exceed ${MAX_SOP_IMAGE_BYTES} bytes.`),
  ],
];

const defaultLimit = limit(
  DEFAULT_MAX_BODY_BYTES,
  'payload_too_large',
  `The body exceeds ${DEFAULT_MAX_BODY_BYTES} bytes.`,
);

/** Enforces the route's body limit, then reads the whole body before the rest of the request runs. */
export const readBodyFirst = createMiddleware(async (c, next) => {
  if (!c.req.raw.body) return next();
  const routeLimit = ROUTE_LIMITS.find(([path]) => path.test(c.req.path))?.[1] ?? defaultLimit;
  return routeLimit(c, async () => {
    // A JSON body is cached as text, the form c.req.json() parses: cached as bytes, it
    // would be copied into a new Response and decoded through a stream first.
    await (isJsonRequest(c) ? c.req.text() : c.req.arrayBuffer());
    await next();
  });
});
