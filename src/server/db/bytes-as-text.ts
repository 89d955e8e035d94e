/**
 * Bytes in and out of bytea columns as base64 text, encoded and decoded by PostgreSQL:
 * PGlite serialises a bytea parameter byte by byte (8 MiB took ~8 s against ~0.5 s as
 * text), and node-postgres is as fast either way.
 */
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/** The value to insert into a bytea column. */
export const bytesValue = (data: Uint8Array): SQL =>
  sql`decode(${Buffer.from(data.buffer, data.byteOffset, data.length).toString('base64')}, 'base64')`;

/** A bytea column selected as base64 text; read it back with bytesOf. */
export const bytesText = (column: AnyColumn) => sql<string>`encode(${column}, 'base64')`;

/** The bytes of a bytesText value (PostgreSQL breaks base64 into lines; Node's decoder skips them). */
export const bytesOf = (text: string): Uint8Array => Buffer.from(text, 'base64');
