/**
 * Security headers on every response. The Content-Security-Policy allows only this
 * origin's own scripts (no inline script, no eval), styles and images from here (plus
 * blob: and data: for photos and thumbnails made on the device), no plugins, no framing,
 * no form posts elsewhere. HSTS is sent only over https (a plain-http localhost must not
 * be pinned to https).
 */
import { createMiddleware } from 'hono/factory';
import { isHttps } from '../auth/session-cookie.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = (trustProxy: boolean) =>
  createMiddleware(async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
    if (isHttps(c, trustProxy)) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });
