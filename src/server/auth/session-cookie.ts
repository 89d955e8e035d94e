/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure with the `__Host-`
 * prefix everywhere except plain-http localhost (a developer's machine, the tests), where
 * a Secure cookie could not be set. Over plain http to any other host a session would
 * travel in clear, so sign-in there is refused (`https_required`, see auth/routes.ts).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const SECURE_NAME = '__Host-fieldbook_session';
const LOCAL_NAME = 'fieldbook_session';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the request came over https (directly or, with TRUST_PROXY, through a proxy). */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export const isLocalHost = (c: Context): boolean => LOCAL_HOSTS.has(new URL(c.req.url).hostname);

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, SECURE_NAME) ?? getCookie(c, LOCAL_NAME);
}

/** Secure everywhere except plain-http localhost (see the header). */
const secureCookie = (c: Context, trustProxy: boolean): boolean => isHttps(c, trustProxy) || !isLocalHost(c);

export function writeSessionCookie(c: Context, token: string, expires: Date, trustProxy: boolean): void {
  const secure = secureCookie(c, trustProxy);
  setCookie(c, secure ? SECURE_NAME : LOCAL_NAME, token, {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    path: '/',
    expires,
  });
}

export function clearSessionCookie(c: Context, trustProxy: boolean): void {
  const secure = secureCookie(c, trustProxy);
  deleteCookie(c, secure ? SECURE_NAME : LOCAL_NAME, { path: '/', secure });
}
