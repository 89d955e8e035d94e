/**
 * Raw SQL results, the same on both drivers. node-postgres and PGlite disagree on how
 * they return int8, numeric and date values (string, bigint or Date), so analytics
 * queries cast in SQL (::int, ::float8, ::text) and read every value through these
 * converters, which accept each driver's form.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/connect.ts';

export type Row = Record<string, unknown>;

export async function queryRows(db: Queryable, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** A number, or null for SQL NULL. */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`expected a number, got ${typeof value}`);
}

/** A number that SQL guarantees is not NULL (a count, a key). */
export function int(value: unknown): number {
  const n = num(value);
  if (n === null) throw new TypeError('expected a number, got NULL');
  return n;
}

export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected a string, got ${typeof value}`);
}

export function bool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw new TypeError(`expected a boolean, got ${typeof value}`);
}

export function strings(value: unknown): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new TypeError('expected an array of strings');
}

/**
 * Runs a report's queries in one transaction whose sorts may use more memory:
 * percentile_cont sorts every value of its group, and PostgreSQL's default work_mem
 * (4 MB) sends a million durations to an on-disk merge sort, twice as slow.
 */
export function inReportSession<T>(db: Queryable, read: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return read(tx);
  });
}
