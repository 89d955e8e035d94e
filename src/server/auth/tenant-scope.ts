/**
 * The one place a request's queries get their organisation. Every signed-in request runs
 * in ONE transaction whose first statement finds its session and, in the same statement,
 * switches to the unprivileged role `fieldbook_tenant` and sets `fieldbook.org_id` (both
 * transaction-local, so a pooled connection forgets them on commit); the row-level security policies of migration 0005 then hide and refuse every
 * other organisation's rows, even to a query that forgets its own `org_id` filter.
 *
 * Hono catches a handler's error itself (the app's onError answers 500) and returns
 * normally from `next()`, so a failed request is rolled back here by looking at
 * `c.error`: nothing half-done is ever committed.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Context, Next } from 'hono';
import type { Database, Transaction } from '../db/connect.ts';
import type { AppEnv } from '../http/app-env.ts';
import { findSession, type SessionUser } from './sessions.ts';

export const TENANT_ROLE = 'fieldbook_tenant';

/**
 * The SQL that enters the scope of organisation `orgId` (a value or a column) for the rest
 * of the transaction; both settings are transaction-local.
 */
export const tenantScopeOf = (orgId: string | SQLWrapper): SQL =>
  sql`(set_config('role', ${TENANT_ROLE}, true) || set_config('fieldbook.org_id', ${orgId}::text, true))`;

/** Runs `work` in a transaction that can only see and write organisation `orgId`. */
export async function withTenant<T>(db: Database, orgId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select ${tenantScopeOf(orgId)}`);
    return work(tx);
  });
}

class RollbackAfterError extends Error {}

/**
 * Runs the rest of the request in ONE transaction, exposed as `c.var.db`. `enter` opens
 * the scope in it and may refuse the request instead (its response is returned, and
 * nothing runs). What handlers hand to `c.var.afterCommit` runs once the transaction has
 * committed (never after a rollback).
 */
async function runScoped(
  db: Database,
  c: Context<AppEnv>,
  next: Next,
  enter: (tx: Transaction) => Promise<Response | null>,
): Promise<Response | null> {
  let handlerFailed = false;
  let refusal: Response | null = null;
  const committed: (() => void)[] = [];
  c.set('afterCommit', (task) => committed.push(task));
  try {
    await db.transaction(async (tx) => {
      refusal = await enter(tx);
      if (refusal) return;
      c.set('db', tx);
      await next();
      handlerFailed = c.error !== undefined;
      if (handlerFailed) throw new RollbackAfterError();
    });
  } catch (error) {
    // After a failed handler the error response is already set (503 when the database
    // went away); a rollback that fails on the same dead connection must not replace it.
    if (!handlerFailed) throw error;
    return null;
  }
  if (refusal === null) for (const task of committed) task();
  return refusal;
}

/**
 * Runs the request as the member of session `token`: the statement that finds the session
 * also enters its organisation's scope (sessions.ts). `admit` sees the session (null when
 * there is none) and returns a refusal, or null to let the request run.
 */
export const runInSession = (
  db: Database,
  token: string | undefined,
  c: Context<AppEnv>,
  next: Next,
  admit: (session: SessionUser | null) => Response | null,
): Promise<Response | null> =>
  runScoped(db, c, next, async (tx) => admit(await findSession(tx, token, new Date(), { enterScope: true })));
