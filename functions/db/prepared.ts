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
import { is, Param, Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** What drizzle's prepared query offers `batch()` (drizzle-orm 0.45; internal API, pinned). */
interface DrizzlePrepared {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
  execute(placeholderValues?: Record<string, unknown>): Promise<unknown>;
  /** D1 only: the statement `batch()` binds the params to. */
  stmt?: unknown;
}

/** A drizzle query builder (select, insert, update, delete) made on a database. */
interface Builder<R> {
  readonly _: { readonly result: R };
  _prepare(isOneTimeQuery?: boolean): DrizzlePrepared;
}

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
      const name = p.name as string;
      return (values: Values) => placeholderValue(values, name);
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
      const prepared = build(db)._prepare(false);
      const query = prepared.getQuery();
      compiled = { prepared, sql: query.sql, fills: fillsOf(query.params) };
      perDb.set(db, compiled);
    }
    return compiled;
  };
  return (db, values) => {
    const { prepared, sql: text, fills } = compile(db);
    const item = {
      _prepare: () => ({
        getQuery: () => ({ sql: text, params: fills.map((fill) => fill(values)) }),
        mapResult: (response: unknown, isFromBatch?: boolean) => prepared.mapResult(response, isFromBatch),
        execute: () => prepared.execute(values),
        stmt: prepared.stmt,
      }),
      // biome-ignore lint/suspicious/noThenProperty: awaited alone it runs, as a drizzle builder does
      then: <A, B>(ok?: ((r: R) => A | PromiseLike<A>) | null, fail?: ((e: unknown) => B | PromiseLike<B>) | null) =>
        (prepared.execute(values) as Promise<R>).then(ok, fail),
    };
    return item as unknown as Prepared<R>;
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
