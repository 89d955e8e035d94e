/**
 * The API's gate, run before every /api and /media route: looks up the route's access rule
 * (access.ts), then in the request's transaction finds the session and enters the
 * member's tenant scope (tenant-scope.ts), answers 401 without a live session and 403
 * when the role may not, and otherwise runs the handler in that scope. Public
 * routes pass straight through; an /api path that matches no route falls through to the
 * 404 handler.
 */
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { respondError } from '../http/api-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { accessKey, allows, ROUTE_ACCESS } from './access.ts';
import { readSessionToken } from './session-cookie.ts';
import { runInSession } from './tenant-scope.ts';

/** Where the guarded endpoints live: the API and the media (step images) it stores. */
export const GUARDED_PREFIXES = ['/api/', '/media/'];

/** The endpoint the request reached (middleware are registered as method ALL; the page's fallback is not guarded). */
const endpointOf = (c: Parameters<typeof matchedRoutes>[0]) =>
  matchedRoutes(c).findLast(
    (route) => route.method !== 'ALL' && GUARDED_PREFIXES.some((prefix) => route.path.startsWith(prefix)),
  );

export const guard = (deps: Pick<AppDeps, 'db'>) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const endpoint = endpointOf(c);
    if (!endpoint) return next();
    const access = ROUTE_ACCESS[accessKey(endpoint.method, endpoint.path)];
    if (!access) return respondError(c, 403, 'forbidden', 'This route has no access rule.');
    if (access === 'public') return next();
    const token = readSessionToken(c);
    if (!token) return respondError(c, 401, 'unauthenticated', 'Sign in to continue.');
    const refusal = await runInSession(deps.db, token, c, next, (session) => {
      if (!session) return respondError(c, 401, 'unauthenticated', 'Sign in to continue.');
      if (!allows(access, session.role)) return respondError(c, 403, 'forbidden', `This needs the ${access} role.`);
      c.set('user', session);
      c.set('orgId', session.orgId);
      return null;
    });
    if (refusal) return refusal;
  });
