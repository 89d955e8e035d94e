/**
 * Serving the built PWA. Hashed files under /assets/ never change, so browsers keep them
 * for a year; the entry points (index.html, the service worker, the manifest) must be
 * revalidated on every load or an update would never reach a phone. Any other GET that
 * is not an API call nor a file is a client-side route: it gets index.html (SPA). A
 * missing /assets/ file stays a 404 so that a stale page never receives HTML as script.
 */
import { basename, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** Unhashed files such as icons: cached briefly, then revalidated. */
export const SHORT = 'public, max-age=3600';
const ENTRY_POINTS = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);

function cacheControlFor(requestPath: string, filePath: string): string {
  if (ENTRY_POINTS.has(basename(filePath))) return REVALIDATE;
  if (requestPath.startsWith('/assets/')) return IMMUTABLE;
  return SHORT;
}

/**
 * serveStatic with our Cache-Control. Set on the finished response: serveStatic builds its
 * response before `onFound` runs, so a header set from there would be lost.
 */
function staticFiles(options: { root?: string; path?: string }): MiddlewareHandler<AppEnv> {
  const found = new WeakMap<Context, string>();
  const files = serveStatic<AppEnv>({ ...options, onFound: (path, c) => void found.set(c, path) });
  return async (c, next) => {
    let missing = false;
    const res = await files(c, async () => {
      missing = true;
    });
    const filePath = found.get(c);
    if (missing || !res || filePath === undefined) return next();
    res.headers.set('Cache-Control', cacheControlFor(c.req.path, filePath));
    return res;
  };
}

/** Adds the static file routes and the SPA fallback; call after every API route. */
export function serveApp(app: Hono<AppEnv>, staticDir: string): void {
  app.get('*', staticFiles({ root: staticDir }));
  const indexPage = staticFiles({ path: join(staticDir, 'index.html') });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/assets/')) return next();
    return indexPage(c, next);
  });
}
