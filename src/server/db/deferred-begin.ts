/**
 * One round trip less for every transaction on PostgreSQL: its BEGIN travels with its
 * first statement.
 *
 * Drizzle opens a transaction by sending `begin` alone and waiting for the answer before
 * the first real statement. Every request of the API runs in a transaction
 * (auth/tenant-scope.ts), so that wait is paid once per request: about half a millisecond
 * on a local server, far more to a remote one. The pool given to Drizzle is wrapped so
 * that each connection it lends holds `begin` back, answers it at once, and sends it with
 * the next statement:
 * - a statement without parameters goes as ONE simple-protocol query, `begin; <statement>`
 *   (PostgreSQL runs both, in order, from one message); the caller gets the statement's
 *   own result. The request's first statement, which finds its session, is written so
 *   (auth/sessions.ts);
 * - a statement with parameters cannot share a message with another (extended protocol),
 *   so `begin` is sent just before it, as before;
 * - `commit` or `rollback` with `begin` still held back ends a transaction that never
 *   started: nothing is sent.
 * Errors are unchanged: a failing first statement leaves the transaction open and aborted,
 * exactly as when `begin` had been sent alone, and Drizzle's `rollback` closes it.
 */
import type pg from 'pg';

type QueryArgs = [config: string | pg.QueryConfig, values?: unknown[]];
type Query = (...args: unknown[]) => unknown;

/** The text of a query without parameters, or null (a named, parameterised or unusual query). */
function simpleText([config, values]: QueryArgs): string | null {
  if (values !== undefined && values.length > 0) return null;
  if (typeof config === 'string') return config;
  if (config.name || (config.values && config.values.length > 0)) return null;
  if ((config as { queryMode?: string }).queryMode === 'extended') return null;
  return config.text;
}

const isKeyword = (args: QueryArgs, word: string) => simpleText(args)?.trim().toLowerCase() === word;

/** What node-postgres answers to a statement that was not sent. */
const unsentResult = (command: string): pg.QueryResult => ({
  command,
  rowCount: null,
  oid: 0,
  rows: [],
  fields: [],
});

/** A lent connection whose `begin` waits for the next statement. */
function deferringClient(client: pg.PoolClient): pg.PoolClient {
  let held = false;
  const send = client.query.bind(client) as Query;
  const query = (...args: unknown[]): unknown => {
    // The callback form is not Drizzle's: it goes as it came, after a held-back begin
    // (node-postgres sends queued queries in order).
    if (args.some((arg) => typeof arg === 'function')) {
      if (held) send('begin');
      held = false;
      return send(...args);
    }
    return deferred(args as QueryArgs);
  };
  const deferred = async (args: QueryArgs): Promise<unknown> => {
    if (isKeyword(args, 'begin')) {
      if (held) throw new Error('begin inside a transaction');
      held = true;
      return unsentResult('BEGIN');
    }
    if (!held) return send(...args);
    held = false;
    if (isKeyword(args, 'commit')) return unsentResult('COMMIT');
    if (isKeyword(args, 'rollback')) return unsentResult('ROLLBACK');
    const text = simpleText(args);
    if (text === null) {
      await send('begin');
      return send(...args);
    }
    const config = typeof args[0] === 'string' ? { text } : args[0];
    const results = (await send({ ...config, text: `begin; ${text}` })) as pg.QueryResult[];
    // One result per statement: begin's first, then the statement's (or its several).
    return results.length === 2 ? results[1] : results.slice(1);
  };
  return new Proxy(client, {
    get: (target, key, receiver) => (key === 'query' ? query : Reflect.get(target, key, receiver)),
  });
}

/**
 * `pool`, lending connections that defer `begin` (see above). Everything else is the
 * pool's own, and so is the callback form of `connect`, which its own `query` uses.
 */
export function deferringBegin(pool: pg.Pool): pg.Pool {
  const connect = (...args: unknown[]) =>
    args.length > 0 ? (pool.connect as Query)(...args) : pool.connect().then(deferringClient);
  return new Proxy(pool, {
    get: (target, key, receiver) => (key === 'connect' ? connect : Reflect.get(target, key, receiver)),
  });
}
