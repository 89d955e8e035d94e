/**
 * The HTTP application: JSON API under /api and, when a built client exists, the PWA
 * itself. Routes are chained so that `AppType` describes the whole API for a typed
 * client (see api-types.ts). Bad input is answered 4xx by the validators; `onError` only
 * sees real failures.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { compress } from './http/compress.ts';
import type { Health } from '../shared/sync.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import type { Database, DatabaseKind } from './db/connect.ts';
import { migrationLevel } from './db/migration-level.ts';
import { readEpoch } from './db/server-meta.ts';
import { respondError } from './http/api-error.ts';
import { authRoutes } from './auth/routes.ts';
import { guard } from './auth/guard.ts';
import type { AppDeps, AppEnv } from './http/app-env.ts';
import { readBodyFirst } from './http/body-limits.ts';
import { csrfGuard } from './http/csrf.ts';
import { securityHeaders } from './http/security-headers.ts';
import { memberRoutes } from './members/routes.ts';
import { onError } from './http/on-error.ts';
import { serveApp } from './http/static-app.ts';
import { photoRoutes } from './photos/routes.ts';
import { runRoutes } from './runs/routes.ts';
import { sopImageRoutes } from './sops/images.ts';
import { sopRoutes } from './sops/routes.ts';
import { freshDerivedRows } from './sync/fresh-derived-rows.ts';
import { Deriver } from './sync/deriver.ts';
import { syncRoutes } from './sync/routes.ts';

export interface AppOptions {
  db: Database;
  kind: DatabaseKind;
  /** Directory of the built client (index.html, assets/…); served only if it exists. */
  staticDir?: string | undefined;
  /** Behind a reverse proxy: trust its X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy?: boolean | undefined;
  /** The background deriver pushes wake; one is made when none is given (the caller then cannot stop it). */
  deriver?: Deriver | undefined;
}

function apiRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .get('/api/health', async (c) => {
        const body: Health = {
          status: 'ok',
          database: deps.kind,
          migrations: await migrationLevel(deps.db),
          epoch: await readEpoch(deps.db),
        };
        return c.json(body, 200);
      })
      .use('/api/*', readBodyFirst)
      .use('/api/*', csrfGuard)
      .use('/api/*', guard(deps))
      .use('/media/*', guard(deps))
      // Reads of derived rows first derive what pushes queued (sync/derive-queue.ts).
      .use('/api/runs/*', freshDerivedRows)
      .use('/api/analytics/*', freshDerivedRows)
      .route('/', authRoutes(deps))
      .route('/', memberRoutes(deps))
      .route('/', syncRoutes(deps))
      .route('/', runRoutes())
      .route('/', sopRoutes())
      .route('/', sopImageRoutes())
      .route('/', photoRoutes())
      .route('/', analyticsRoutes())
  );
}

export function createApp(options: AppOptions) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', securityHeaders(options.trustProxy ?? false));
  app.use('*', compress());
  const api = app.route('/', apiRoutes({ ...options, deriver: options.deriver ?? new Deriver(options.db) }));
  app.all('/api/*', (c) => respondError(c, 404, 'not_found', 'No such API route.'));
  const staticDir = options.staticDir ? resolve(options.staticDir) : null;
  if (staticDir && existsSync(staticDir)) serveApp(app, staticDir);
  app.notFound((c) => respondError(c, 404, 'not_found', 'Not found.'));
  return api;
}

export type AppType = ReturnType<typeof createApp>;
