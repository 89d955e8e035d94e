/**
 * The database's `epoch`: a random id created once, the first time a server starts on an
 * empty database. Clients keep it with their sync cursor; a different epoch means the
 * server's database was replaced (restored, reset), so cursors must start over.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Queryable } from './connect.ts';
import { serverMeta } from './schema.ts';

const EPOCH = 'epoch';

/** Creates the epoch if the database has none yet (idempotent, safe with N servers). */
export async function ensureEpoch(db: Queryable): Promise<string> {
  await db.insert(serverMeta).values({ key: EPOCH, value: randomUUID() }).onConflictDoNothing();
  return readEpoch(db);
}

export async function readEpoch(db: Queryable): Promise<string> {
  const [row] = await db.select({ value: serverMeta.value }).from(serverMeta).where(eq(serverMeta.key, EPOCH));
  if (!row) throw new Error('server_meta has no epoch: the database was not prepared');
  return row.value;
}
