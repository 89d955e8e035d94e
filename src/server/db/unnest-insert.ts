/**
 * Multi-row INSERT with one parameter per COLUMN: `INSERT INTO t (a, b) SELECT * FROM
 * unnest($1::uuid[], $2::text[])`. Drizzle's `.insert().values(rows)` binds one parameter
 * per cell and walks every cell through its query builder: for a push of 500 events
 * (7 500 cells) building the SQL cost several times what PostgreSQL took to run it. Here
 * the statement text depends only on the columns, each column's values travel as one
 * array, and the server unpacks them: both drivers (node-postgres and PGlite) serialise a
 * JS array parameter into a PostgreSQL array literal.
 *
 * The columns are those of the first row (the rows of one call come from one mapper and
 * share their keys; a key missing from a later row inserts NULL), after those of `shared`. Each value goes through
 * its Drizzle column's `mapToDriverValue` (Date → ISO text, jsonb → JSON text), as the
 * builder would do, and each array is cast to its column's SQL type.
 */
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

type RowOf<T extends PgTable> = T['$inferInsert'];

/** The column of each row key, in the row's key order. */
function columnsOf(table: PgTable, row: Record<string, unknown>): [string, PgColumn][] {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  return Object.keys(row).map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return [key, column];
  });
}

const QUOTE_OR_BACKSLASH = /["\\]/g;
/** In JSON text, a backslash that may start an escape other than \" and \\ (may also flag an escaped backslash). */
const OTHER_ESCAPE = /\\[^"\\]/;

const isPlain = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The PostgreSQL array literal of driver values, or null when one is not a string, finite
 * number, boolean or null (the driver then serialises the array itself). The drivers' own
 * serialisers escape every element with two regular expressions, which made them the
 * costliest part of sending a push's 500 events. Here the engine's JSON.stringify writes
 * the array: for such values a JSON array is an array literal once its brackets become
 * braces (strings quoted with \" and \\ escaped, `null` read as NULL), unless the text
 * holds another JSON escape (\n, \u0000…), which PostgreSQL would read differently; those
 * arrays are written element by element.
 */
function arrayLiteral(values: readonly unknown[]): string | null {
  if (!values.every(isPlain)) return null;
  const json = JSON.stringify(values);
  if (!OTHER_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  const elements = values.map((value) =>
    typeof value === 'string' ? `"${value.replace(QUOTE_OR_BACKSLASH, '\\$&')}"` : String(value ?? 'NULL'),
  );
  return `{${elements.join(',')}}`;
}

/** The array parameter of one column, cast to the column's array type. */
function columnArray(rows: readonly Record<string, unknown>[], key: string, column: PgColumn): SQL {
  const values = rows.map((row) => {
    const value = row[key];
    return value === null || value === undefined ? null : column.mapToDriverValue(value);
  });
  return sql`${sql.param(arrayLiteral(values) ?? values)}::${sql.raw(column.getSQLType())}[]`;
}

/**
 * `INSERT INTO table (cols) SELECT … FROM unnest(…)` for `rows` (at least one); the caller
 * appends its ON CONFLICT and RETURNING clauses. `shared` holds the columns whose value is
 * the same in every row (the organisation, the device…): each is bound once, as a scalar,
 * and `rows` leave them out.
 */
export function unnestInsert<T extends PgTable>(
  table: T,
  rows: readonly Partial<RowOf<T>>[],
  shared: Partial<RowOf<T>> = {},
): SQL {
  const [first] = rows;
  if (!first) throw new Error('unnestInsert needs at least one row');
  const records = rows as readonly Record<string, unknown>[];
  const constants = columnsOf(table, shared as Record<string, unknown>);
  const columns = columnsOf(table, first as Record<string, unknown>);
  const names = sql.raw([...constants, ...columns].map(([, column]) => `"${column.name}"`).join(', '));
  const scalars = constants.map(([key, column]) => {
    const value = (shared as Record<string, unknown>)[key];
    const driverValue = value === null || value === undefined ? null : column.mapToDriverValue(value);
    return sql`${sql.param(driverValue)}::${sql.raw(column.getSQLType())}, `;
  });
  const arrays = sql.join(
    columns.map(([key, column]) => columnArray(records, key, column)),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${sql.join(scalars)}u.* from unnest(${arrays}) as u`;
}

/** `"col" = excluded."col"` for every column of `table` but `keep`: an upsert that replaces the row. */
export function replaceExcluded(table: PgTable, keep: readonly PgColumn[]): SQL {
  const kept = new Set(keep.map((column) => column.name));
  const names = Object.values(getTableColumns(table) as Record<string, PgColumn>)
    .map((column) => column.name)
    .filter((name) => !kept.has(name));
  return sql.raw(names.map((name) => `"${name}" = excluded."${name}"`).join(', '));
}
