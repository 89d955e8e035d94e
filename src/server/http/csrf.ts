/**
 * CSRF protection for every state-changing API request (anything but GET, HEAD, OPTIONS):
 * the custom header CSRF_HEADER (a cross-site form, image or link cannot set it, and a
 * cross-site fetch that sets it needs a CORS preflight this server never grants), plus,
 * when the browser says where the request comes from, an Origin of this very host and
 * no `Sec-Fetch-Site: cross-site`. The session cookie's SameSite=Lax is a third layer.
 */
import { createMiddleware } from 'hono/factory';
import { CSRF_HEADER, CSRF_VALUE } from '../../shared/auth.ts';
import { respondError } from './api-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameHost(origin: string, requestUrl: string): boolean {
  try {
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}

export const csrfGuard = createMiddleware(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const refuse = (why: string) => respondError(c, 403, 'csrf_rejected', why);
  if (c.req.header(CSRF_HEADER) !== CSRF_VALUE) return refuse(`Send the ${CSRF_HEADER} header.`);
  const origin = c.req.header('origin');
  if (origin !== undefined && !sameHost(origin, c.req.url)) return refuse('The request comes from another site.');
  if (c.req.header('sec-fetch-site') === 'cross-site') return refuse('The request comes from another site.');
  return next();
});
