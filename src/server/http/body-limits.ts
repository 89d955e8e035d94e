/**
 * The default request body limit of the API (413 `payload_too_large` beyond it), so that
 * no route reads an unbounded body into memory. Uploads that need more (a SOP import, a
 * photo, a step image) carry their own larger limit on their route and are skipped here.
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { respondError } from './api-error.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Routes with a limit of their own (see their modules). */
const OWN_LIMIT = [/^\/api\/sops\/import$/, /^\/api\/photos\/[^/]+$/, /^\/api\/sops\/[^/]+\/images$/];

const limit = bodyLimit({
  maxSize: DEFAULT_MAX_BODY_BYTES,
  onError: (c) => respondError(c, 413, 'payload_too_large', `The body exceeds ${DEFAULT_MAX_BODY_BYTES} bytes.`),
});

export const defaultBodyLimit = createMiddleware(async (c, next) => {
  if (OWN_LIMIT.some((route) => route.test(c.req.path))) return next();
  return limit(c, next);
});
