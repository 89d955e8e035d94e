/**
 * The deferred `begin` (deferred-begin.ts) on a real PostgreSQL server; it is
 * node-postgres's concern only, so without TEST_DATABASE_URL there is nothing to test.
 * Each test proves the transaction is real, not only that fewer queries were sent: a
 * transaction-local setting survives from one statement to the next only inside a
 * transaction block, and a rollback undoes a write.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deferringBegin } from './deferred-begin.ts';
import { postgresDatabase } from './connect.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('deferred begin on PostgreSQL', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(() => pool.end());

  /** A lent client and the queries that reached the real one. */
  async function lend() {
    const real = await pool.connect();
    const sent = vi.spyOn(real, 'query');
    const connect = vi.spyOn(pool, 'connect').mockResolvedValueOnce(real as never);
    const client = await deferringBegin(pool).connect();
    connect.mockRestore();
    const texts = () =>
      (sent.mock.calls as unknown as [string | pg.QueryConfig][]).map(([config]) =>
        typeof config === 'string' ? config : config.text,
      );
    const done = () => {
      sent.mockRestore();
      client.release();
    };
    return { client, texts, done };
  }

  const setting = "current_setting('fieldbook.deferred_test', true)";

  it('sends begin with a first statement without parameters, as one query, and answers with its result', async () => {
    const { client, texts, done } = await lend();
    expect(await client.query('begin')).toMatchObject({ command: 'BEGIN' });
    expect(texts()).toEqual([]);
    const first = await client.query("select set_config('fieldbook.deferred_test', 'inside', true) as v");
    expect(first.rows).toEqual([{ v: 'inside' }]);
    expect(texts()).toEqual(["begin; select set_config('fieldbook.deferred_test', 'inside', true) as v"]);
    // Still set in the next statement: both ran in one transaction block.
    expect((await client.query(`select ${setting} as v`)).rows).toEqual([{ v: 'inside' }]);
    await client.query('commit');
    expect((await client.query(`select ${setting} as v`)).rows[0].v).not.toBe('inside');
    done();
  });

  it('sends begin on its own before a first statement with parameters', async () => {
    const { client, texts, done } = await lend();
    await client.query('begin');
    const first = await client.query('select set_config($1, $2, true) as v', ['fieldbook.deferred_test', 'param']);
    expect(first.rows).toEqual([{ v: 'param' }]);
    expect(texts()).toEqual(['begin', 'select set_config($1, $2, true) as v']);
    expect((await client.query(`select ${setting} as v`)).rows).toEqual([{ v: 'param' }]);
    await client.query('rollback');
    done();
  });

  it('sends nothing for a transaction that ran no statement', async () => {
    const { client, texts, done } = await lend();
    await client.query('begin');
    expect(await client.query('commit')).toMatchObject({ command: 'COMMIT' });
    await client.query('BEGIN');
    expect(await client.query('rollback')).toMatchObject({ command: 'ROLLBACK' });
    expect(texts()).toEqual([]);
    done();
  });

  it('leaves a failed first statement inside the transaction, which rolls back, and the connection usable', async () => {
    const { client, done } = await lend();
    await client.query('begin');
    await expect(client.query('select 1 / 0')).rejects.toThrow(/division by zero/);
    await expect(client.query('select 1')).rejects.toThrow(/current transaction is aborted/);
    await client.query('rollback');
    expect((await client.query('select 2 as v')).rows).toEqual([{ v: 2 }]);
    done();
  });

  it('through Drizzle: a rolled-back transaction leaves nothing, a committed one keeps its write', async () => {
    const db = postgresDatabase(pool);
    const table = `deferred_begin_${process.pid}`;
    await db.execute(sql.raw(`create table ${table} (x int)`));
    try {
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql.raw(`insert into ${table} values (1)`));
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      await db.transaction((tx) => tx.execute(sql.raw(`insert into ${table} values (2)`)));
      const { rows } = await db.execute(sql.raw(`select x from ${table}`));
      expect(rows).toEqual([{ x: 2 }]);
    } finally {
      await db.execute(sql.raw(`drop table ${table}`));
    }
  });
});
