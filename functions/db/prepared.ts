// Statements whose SQL text is built once: the hot write paths (score save, entry step, lunch
// sign-up, the session lookup, rate limits, audit rows) used to rebuild every statement's SQL with
// drizzle's query builder on each request, which cost about as much CPU as running them. A
// `preparedQuery` builds its statement once per database (with `sql.placeholder`s where the values
// go) and per request only fills the values in; the result is a batch item both drivers' `batch()`
// take (libSQL and D1), or is awaited alone.
//
// It relies on what drizzle-orm 0.45's `batch()` calls on an item (libsql/session.js and
// d1/session.js): `item._prepare()`, then `.getQuery()` ({ sql, params }), `.stmt` (D1: the
// prepared statement it binds the params to) and `.mapResult(result, true)`. drizzle-orm is pinned
// (package.json); prepared.test.ts and prepared.workers.test.ts fail when an upgrade changes that.
import { Column, getTableColumns, is, Param, Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';

/** What drizzle's prepared query offers `batch()` (drizzle-orm 0.45; internal API, pinned). */
interface DrizzlePrepared {
  /** The statement's SQL and params; getQuery() returns it. */
  query?: { sql: string; params: unknown[] };
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
  execute(placeholderValues?: Record<string, unknown>): Promise<unknown>;
  /** D1 only: the statement `batch()` binds the params to. */
  stmt?: unknown;
}

/**
 * A drizzle query builder (select, insert, update, delete) made on a database. Its `_prepare`
 * (what `batch()` calls) is marked internal, so not in drizzle's types: reached by a cast below.
 */
interface Builder<R> {
  readonly _: { readonly result: R };
}
type Preparable = { _prepare(isOneTimeQuery?: boolean): DrizzlePrepared };

/** Named values for a statement's placeholders. */
type Values = Record<string, unknown>;

/**
 * One statement with its values filled in: an item for `db.batch([...])` (its result there is
 * `R`, as the builder's would be), or awaited alone (then it runs on its own, as the builder would).
 */
export interface Prepared<R> extends PromiseLike<R> {
  /** drizzle's batch typing: the result type (type only; nothing reads it at run time). */
  readonly _: { readonly dialect: 'sqlite'; readonly result: R };
  /** What drizzle's `batch()` calls: the statement's SQL with this request's values. */
  _prepare(): DrizzlePrepared;
}

/** A statement built once: its drizzle prepared query, its SQL and how each parameter is filled. */
interface Compiled {
  prepared: DrizzlePrepared;
  sql: string;
  fills: ((values: Values) => unknown)[];
}

const placeholderValue = (values: Values, name: string): unknown => {
  if (!(name in values)) throw new Error(`preparedQuery: no value for placeholder "${name}"`);
  return values[name];
};

/** How each parameter is filled: a placeholder's value (encoded by its column, as drizzle would), or a constant. */
function fillsOf(params: readonly unknown[]): Compiled['fills'] {
  return params.map((p) => {
    if (is(p, Placeholder)) {
      // drizzle leaves a placeholder compared with a column (`eq(column, placeholder)`) without
      // the column's encoder: a Date goes as milliseconds, as every timestamp column here stores
      // it (mode 'timestamp_ms') and as the libSQL client sends one; D1 refuses a Date object.
      const name = p.name as string;
      return (values: Values) => {
        const value = placeholderValue(values, name);
        return value instanceof Date ? value.getTime() : value;
      };
    }
    if (is(p, Param) && is(p.value, Placeholder)) {
      const name = p.value.name as string;
      const encoder = p.encoder;
      // As drizzle's own sqlToQuery: null is sent as null, never given to the column's encoder.
      return (values: Values) => {
        const value = placeholderValue(values, name);
        return value === null ? null : encoder.mapToDriverValue(value);
      };
    }
    return () => p;
  });
}

/**
 * A statement whose SQL is built once per database. `build` makes the drizzle query with
 * `sql.placeholder(name)` wherever a request's value goes (in `.set()` of an update: {@link encoded},
 * so the column encodes the value); it must not read per-request state, as it runs only once per
 * database. Columns with `$defaultFn` must be given explicitly in an insert (their default would be
 * computed only once).
 * @param build makes the query on `db`, e.g. `(db) => db.select().from(t).where(eq(t.id, sql.placeholder('id')))`
 * @returns `(db, values) => Prepared<R>`: the statement for `db` with `values` (by placeholder name) filled in
 * @throws Error (when used) naming a placeholder `values` has no entry for
 */
export function preparedQuery<V extends Values, R>(build: (db: Db) => Builder<R>): (db: Db, values: V) => Prepared<R> {
  const perDb = new WeakMap<Db, Compiled>();
  const compile = (db: Db): Compiled => {
    let compiled = perDb.get(db);
    if (!compiled) {
      const prepared = (build(db) as unknown as Preparable)._prepare(false);
      sameNamesRefused(prepared);
      const query = prepared.getQuery();
      compiled = { prepared, sql: query.sql, fills: fillsOf(query.params) };
      perDb.set(db, compiled);
    }
    return compiled;
  };
  return (db, values) => {
    const { prepared, sql: text, fills } = compile(db);
    // This use's prepared query: drizzle's own (its methods, its result mapping) with this
    // request's values already filled in (drizzle's fillPlaceholders passes plain values through,
    // so `execute()` needs none) and, on D1, its own statement object: one belongs to the request
    // that made it (the Workers runtime refuses I/O on one from another request).
    let own: DrizzlePrepared | undefined;
    const prepare = (): DrizzlePrepared => {
      own ??= Object.create(prepared, {
        query: { value: { sql: text, params: fills.map((fill) => fill(values)) } },
        ...(prepared.stmt === undefined ? {} : { stmt: { value: clientOf(db).prepare(text) } }),
      }) as DrizzlePrepared;
      return own;
    };
    const item = {
      _prepare: prepare,
      // biome-ignore lint/suspicious/noThenProperty: awaited alone it runs, as a drizzle builder does
      then: <A, B>(ok?: ((r: R) => A | PromiseLike<A>) | null, fail?: ((e: unknown) => B | PromiseLike<B>) | null) =>
        (prepare().execute() as Promise<R>).then(ok, fail),
    };
    return item as unknown as Prepared<R>;
  };
}

/**
 * Refuses a statement that selects two columns of the same name (`id` of two joined tables): D1
 * returns a batch's rows as objects keyed by column name, so one of them would be lost and every
 * later field shifted — on D1 only. Checked once, when the statement is built, on both drivers.
 * @throws Error naming the column
 */
function sameNamesRefused(prepared: DrizzlePrepared): void {
  const fields = (prepared as { fields?: { field: unknown }[] }).fields ?? [];
  const seen = new Set<string>();
  for (const { field } of fields) {
    if (!is(field, Column)) continue;
    if (seen.has(field.name))
      throw new Error(`preparedQuery: two selected columns are named "${field.name}" (D1 maps rows by name)`);
    seen.add(field.name);
  }
}

/** The driver client under drizzle's database (D1's binding, as wrapped in client.ts): drizzle-internal `session.client`. */
const clientOf = (db: Db) =>
  (db as unknown as { session: { client: { prepare(sql: string): unknown } } }).session.client;

/**
 * An insert of one row into `table` whose statement is built once per set of columns given (the
 * keys of `values` that are not undefined; a table has few such sets on a hot path) and per
 * database. Values are encoded by their columns, as `db.insert(table).values(values)` would.
 * @param table the drizzle table
 * @param guard optional: `column` (a NOT NULL text column given in every insert) is written as
 *   `CASE WHEN <when> THEN value ELSE NULL END`, so when the condition `when` (SQL, with its own
 *   placeholders among the values) is false the insert — and the batch it is in — fails with
 *   "NOT NULL constraint failed" and writes nothing: a guard in SQL for a batch that must not
 *   half-happen. The value goes unencoded (a text column). `params` names the guard's own
 *   placeholders: values under those keys fill them and are not columns.
 * @returns `(db, values) => Prepared<unknown>`: the insert for `db` (a batch item, or awaited alone)
 * @throws Error (when used) for a key of `values` that is not a column of `table`
 */
export function preparedInsert<T extends SQLiteTable>(
  table: T,
  guard?: { column: string; when: SQL; params: readonly string[] },
): (db: Db, values: T['$inferInsert']) => Prepared<unknown> {
  const byColumns = new Map<string, (db: Db, values: Values) => Prepared<unknown>>();
  const columns = getTableColumns(table);
  return (db, values) => {
    const given = Object.keys(values as Values)
      .filter((k) => (values as Values)[k] !== undefined && !guard?.params.includes(k))
      .sort();
    const key = given.join(',');
    let insert = byColumns.get(key);
    if (!insert) {
      for (const k of given) if (!(k in columns)) throw new Error(`preparedInsert: ${k} is not a column`);
      insert = preparedQuery<Values, unknown>((d) =>
        d
          .insert(table)
          .values(
            Object.fromEntries(
              given.map((k) => [
                k,
                k === guard?.column
                  ? sql`CASE WHEN ${guard.when} THEN ${sql.placeholder(k)} ELSE NULL END`
                  : sql.placeholder(k),
              ]),
            ) as T['$inferInsert'],
          ),
      );
      byColumns.set(key, insert);
    }
    return insert(db, values as Values);
  };
}

/**
 * A placeholder encoded by `column` (JSON, timestamps, booleans as the column stores them), for
 * places drizzle takes SQL but no placeholder, such as an update's `.set()`.
 * @param name the placeholder's name (the key of the values given per request)
 * @param column the column whose encoder turns the value into what the driver stores
 */
export const encoded = (name: string, column: SQLWrapper & { mapToDriverValue(value: unknown): unknown }): SQL =>
  sql`${sql.param(sql.placeholder(name), column as never)}`;

/** `sql.placeholder`, shorter: a request's value in a {@link preparedQuery} statement. */
export const ph = (name: string) => sql.placeholder(name);
