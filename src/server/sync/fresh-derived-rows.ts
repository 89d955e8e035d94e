/**
 * Middleware for the routes that read derived rows (runs, analytics): a GET first derives
 * what pushes queued for the organisation (derive-queue.ts), inside the request's tenant
 * transaction, so it never answers from rows older than the events already acknowledged.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/app-env.ts';
import { catchUpDerivations } from './derive-queue.ts';

export const freshDerivedRows = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'GET' && c.var.db) await catchUpDerivations(c.var.db, c.var.orgId);
  await next();
});
