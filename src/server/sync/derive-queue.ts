/**
 * Derivation after the push, not inside it. A push only stores events (the device's
 * acknowledgement waits for nothing else) and queues the runs it touched in `derive_queue`,
 * in the same transaction; the derived rows and the analytics summaries behind them are
 * recomputed afterwards (derive-runs.ts), by whoever comes first:
 *   - the background deriver (deriver.ts), woken when a push commits;
 *   - a read of derived rows (a run, analytics), which first derives what its organisation
 *     still has queued, in its own transaction: what a reader sees is as fresh as if the
 *     push had derived it.
 * Taking queued rows deletes them in the transaction that derives their runs, so a failed
 * derivation leaves them queued. The background deriver skips rows another transaction
 * holds; a read waits for them (after which they are gone, derived). A run queued again
 * while it is being derived keeps its new row and is derived once more, so events
 * committed during a derivation are never left out (derive-runs.ts also locks each run).
 */
import { type SQL, sql } from 'drizzle-orm';
import { int, queryRows, str } from '../analytics/sql-rows.ts';
import type { Transaction } from '../db/connect.ts';
import { deriveRuns } from './derive-runs.ts';

/** Queued rows taken per transaction: a full push of 1 000 events queues about 100 runs. */
export const DERIVE_CHUNK = 200;

/**
 * The clause that queues the runs of the rows a CTE named `inserted` returned (it must
 * return `run_id`): the push's insert of its events ends with it (store-events.ts), so
 * queueing costs no statement of its own. Written `with inserted as (…), <this> select …`.
 */
export const queueInsertedRuns = (orgId: string): SQL =>
  sql`queued as (insert into derive_queue (org_id, run_id) select distinct ${orgId}::uuid, run_id from inserted)`;

export interface TakeOptions {
  /** Rows at most. */
  limit: number;
  /** Skip rows another transaction holds (the background) instead of waiting for them (a read). */
  skipLocked: boolean;
  /** Only rows queued up to this id (a read derives what was queued when it started). */
  upTo?: number | undefined;
  /** Runs left out (the background's runs that failed to derive, see deriver.ts). */
  except?: readonly string[] | undefined;
}

/**
 * Takes up to `limit` of the organisation's oldest queued rows and derives their runs, in
 * `tx`; returns the run ids taken (none when nothing was queued).
 */
export async function deriveQueued(tx: Transaction, orgId: string, options: TakeOptions): Promise<string[]> {
  const except = options.except ?? [];
  const rows = await queryRows(
    tx,
    sql`delete from derive_queue where org_id = ${orgId} and id in (
        select id from derive_queue
        where org_id = ${orgId}
          ${options.upTo === undefined ? sql`` : sql`and id <= ${options.upTo}`}
          ${except.length === 0 ? sql`` : sql`and not (run_id = any(${sql.param([...except])}::uuid[]))`}
        order by id limit ${options.limit}
        for update ${options.skipLocked ? sql`skip locked` : sql``})
      returning run_id`,
  );
  const runIds = [...new Set(rows.map((r) => str(r.run_id)))];
  if (runIds.length > 0) await deriveRuns(tx, orgId, runIds);
  return runIds;
}

/** The id of the organisation's newest queued row, or null when nothing is queued. */
async function lastQueued(tx: Transaction, orgId: string): Promise<number | null> {
  const [last] = await queryRows(tx, sql`select max(id) as id from derive_queue where org_id = ${orgId}`);
  return last && last.id !== null ? int(last.id) : null;
}

/**
 * Derives everything the organisation had queued up to row `upTo` (by default: when
 * called), chunk by chunk, in `tx`, waiting for rows the background deriver holds.
 */
export async function deriveAllQueued(tx: Transaction, orgId: string, upTo: number | null = null): Promise<void> {
  const last = upTo ?? (await lastQueued(tx, orgId));
  if (last === null) return;
  const chunk = { limit: DERIVE_CHUNK, skipLocked: false, upTo: last };
  while ((await deriveQueued(tx, orgId, chunk)).length > 0) {}
}

/**
 * What a read of derived rows calls first (in its tenant transaction): derives what the
 * organisation has queued (one cheap query when nothing is). A failure (a bug in the
 * derivation of some run) is logged and undone to a savepoint: the read then answers
 * from the rows as they were, rather than failing, and the runs stay queued.
 */
export async function catchUpDerivations(tx: Transaction, orgId: string): Promise<void> {
  const last = await lastQueued(tx, orgId);
  if (last === null) return;
  try {
    await tx.transaction((inner) => deriveAllQueued(inner, orgId, last));
  } catch (error) {
    console.error('deriving queued runs before a read failed; answering from the derived rows as they are:', error);
  }
}
