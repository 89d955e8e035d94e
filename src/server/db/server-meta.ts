/**
 * The database's `epoch`: a random id created once, the first time a server starts on an
 * empty database. Clients keep it with their sync cursor; a different epoch means the
 * server's database was replaced (restored, reset), so cursors must start over and
 * devices push again every event they still hold (acked ones are kept 30 days for this).
 *
 * A restored backup carries the epoch of the day it was taken, which devices already
 * know: they would not notice that the events they pushed since are gone. So after a
 * restore the operator starts the server once with `--new-epoch` (or
 * FIELDBOOK_NEW_EPOCH=1), which renews the epoch before the server listens.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type OpenDatabaseOptions, openDatabase, type Queryable } from './connect.ts';
import { serverMeta } from './schema.ts';

const EPOCH = 'epoch';

/** Creates the epoch if the database has none yet (idempotent, safe with N servers). */
export async function ensureEpoch(db: Queryable): Promise<string> {
  await db.insert(serverMeta).values({ key: EPOCH, value: randomUUID() }).onConflictDoNothing();
  return readEpoch(db);
}

/** The epoch as a scalar subquery, for a statement that reads it along with other work (sync/device-clock.ts). */
export const EPOCH_SUBQUERY = sql`(select value from server_meta where key = ${EPOCH})`;

/** The epoch a query read, or the error that the database was never prepared. */
export function epochOf(value: unknown): string {
  if (typeof value !== 'string') throw new Error('server_meta has no epoch: the database was not prepared');
  return value;
}

export async function readEpoch(db: Queryable): Promise<string> {
  const [row] = await db.select({ value: serverMeta.value }).from(serverMeta).where(eq(serverMeta.key, EPOCH));
  return epochOf(row?.value);
}

/** Replaces the epoch with a new random one (or creates it); returns the new epoch. */
export async function renewEpoch(db: Queryable): Promise<string> {
  const epoch = randomUUID();
  await db
    .insert(serverMeta)
    .values({ key: EPOCH, value: epoch })
    .onConflictDoUpdate({ target: serverMeta.key, set: { value: epoch } });
  return epoch;
}

/**
 * Renews the epoch of the database the server is about to open, before it listens: opens
 * it, brings its schema up to date, renews, closes (PGlite allows one owner at a time).
 */
export async function renewEpochBeforeStart(options: OpenDatabaseOptions): Promise<string> {
  const handle = await openDatabase(options);
  try {
    await handle.migrate();
    return await renewEpoch(handle.db);
  } finally {
    await handle.close();
  }
}
