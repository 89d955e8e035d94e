/**
 * Opens the server's database: embedded PGlite (default, files under `dataDir`) or a real
 * PostgreSQL server when a `postgres://` URL is given. Both come out as the same Drizzle
 * type, so the rest of the server writes one SQL for both.
 *
 * PGlite keeps its files in `<dataDir>/pglite`, next to the lock file that makes sure a
 * single process owns the directory (see data-dir-lock.ts). `dataDir: 'memory://'` opens
 * a throwaway in-memory database (tests), which needs no lock.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { deferringBegin } from './deferred-begin.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one Drizzle database type the server uses, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database itself or an open transaction. */
export type Queryable = Database | Transaction;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Applies the pending SQL migrations of ./migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`: use that server; otherwise PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (default ./data), or 'memory://' for an in-memory database. */
  dataDir?: string | undefined;
}

export const MEMORY = 'memory://';
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** The server's Drizzle database over a node-postgres pool (transactions send `begin` with their first statement). */
export const postgresDatabase = (pool: pg.Pool) => drizzlePg({ client: deferringBegin(pool), schema });

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? './data');
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir === MEMORY;
  const lock = inMemory ? null : acquireDataDirLock(dataDir);
  try {
    const client = new PGlite(inMemory ? MEMORY : join(resolve(dataDir), 'pglite'));
    await client.waitReady;
    const db = drizzlePglite({ client, schema });
    return {
      db,
      kind: 'pglite',
      migrate: () => migratePglite(db, { migrationsFolder }),
      close: async () => {
        try {
          if (!client.closed) await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection (server restart) must not crash the process;
  // the next query gets a fresh connection or a clear error.
  pool.on('error', (error) => console.error(`postgres: idle connection error: ${error.message}`));
  // A connection lost while checked out (killed backend, restart mid-transaction) fails the
  // query that used it; without a listener its 'error' event would also crash the process.
  pool.on('connect', (client) =>
    client.on('error', (error) => console.error(`postgres: connection lost: ${error.message}`)),
  );
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = postgresDatabase(pool);
  let ended = false;
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePg(db, { migrationsFolder }),
    close: async () => {
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}
