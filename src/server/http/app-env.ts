/**
 * What every request handler can rely on. Until accounts exist, every request acts for
 * the single organisation of the database (created at first start, see seed.ts); the
 * middleware that resolves it is the one place a later sign-in will replace.
 */
import { asc } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Database, DatabaseKind } from '../db/connect.ts';
import { orgs } from '../db/schema.ts';
import { respondError } from './api-error.ts';

export interface AppEnv {
  Variables: { orgId: string };
}

export interface AppDeps {
  db: Database;
  kind: DatabaseKind;
}

export const defaultOrganisation = (db: Database) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const [org] = await db.select({ id: orgs.id }).from(orgs).orderBy(asc(orgs.createdAt)).limit(1);
    if (!org) return respondError(c, 503, 'not_initialised', 'The server has no organisation yet.');
    c.set('orgId', org.id);
    await next();
  });
