/**
 * How many migrations have been applied: the row count of Drizzle's own bookkeeping
 * table (schema `drizzle`, table `__drizzle_migrations`, written by the migrators).
 * Declared here and not in schema.ts so that drizzle-kit does not try to create it.
 */
import { count } from 'drizzle-orm';
import { bigint, integer, pgSchema, text } from 'drizzle-orm/pg-core';
import type { Queryable } from './connect.ts';

const drizzleSchema = pgSchema('drizzle');
const appliedMigrations = drizzleSchema.table('__drizzle_migrations', {
  id: integer('id'),
  hash: text('hash'),
  createdAt: bigint('created_at', { mode: 'number' }),
});

export async function migrationLevel(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(appliedMigrations);
  return row?.n ?? 0;
}
