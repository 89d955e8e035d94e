/**
 * The one place a request's queries get their organisation. Every signed-in request runs
 * in ONE transaction that first switches to the unprivileged role `fieldbook_tenant` and
 * sets `fieldbook.org_id` (both transaction-local, so a pooled connection forgets them on
 * commit); the row-level security policies of migration 0005 then hide and refuse every
 * other organisation's rows, even to a query that forgets its own `org_id` filter.
 *
 * Hono catches a handler's error itself (the app's onError answers 500) and returns
 * normally from `next()`, so a failed request is rolled back here by looking at
 * `c.error`: nothing half-done is ever committed.
 */
import { sql } from 'drizzle-orm';
import type { Context, Next } from 'hono';
import type { Database, Transaction } from '../db/connect.ts';
import type { AppEnv } from '../http/app-env.ts';

export const TENANT_ROLE = 'fieldbook_tenant';

/** Runs `work` in a transaction that can only see and write organisation `orgId`. */
export async function withTenant<T>(db: Database, orgId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${TENANT_ROLE}, true), set_config('fieldbook.org_id', ${orgId}, true)`,
    );
    return work(tx);
  });
}

class RollbackAfterError extends Error {}

/**
 * Runs the rest of the request in the tenant transaction, exposed as `c.var.db`; what
 * handlers hand to `c.var.afterCommit` runs once that transaction has committed (never
 * after a rollback).
 */
export async function runInTenant(db: Database, orgId: string, c: Context<AppEnv>, next: Next): Promise<void> {
  let handlerFailed = false;
  const committed: (() => void)[] = [];
  c.set('afterCommit', (task) => committed.push(task));
  try {
    await withTenant(db, orgId, async (tx) => {
      c.set('db', tx);
      await next();
      handlerFailed = c.error !== undefined;
      if (handlerFailed) throw new RollbackAfterError();
    });
  } catch (error) {
    // After a failed handler the error response is already set (503 when the database
    // went away); a rollback that fails on the same dead connection must not replace it.
    if (!handlerFailed) throw error;
    return;
  }
  for (const task of committed) task();
}
