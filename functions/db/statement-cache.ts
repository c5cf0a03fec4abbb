// A prepared-statement cache for the embedded libSQL database (Node only). @libsql/client's local
// driver prepares every statement again on each execution (`db.prepare(sql)` in its executeStmt)
// and asks the new statement for its columns: with the write paths' SQL now built once
// (./prepared.ts), preparing it again was the largest CPU cost left per request (about a fifth of
// a score save). Here each connection keeps its prepared statements by SQL text, so a statement
// is compiled once per connection and then only bound and stepped.
//
// It replaces `prepare` on the `libsql` package's Database (the native binding @libsql/client
// uses in Node): a statement is reusable after it ran, failed or was only partly read (binding
// resets it; statement-cache.test.ts checks this on the installed version). SQL that may change
// the schema (CREATE, ALTER, DROP) empties every connection's cache, so no cached statement keeps
// the columns of a table as it was. In the Workers runtime (D1, or libSQL over HTTP) there
// is no native binding and this does nothing.

/** The most statements one connection keeps (the least recently prepared go first). */
export const STATEMENTS_PER_CONNECTION = 500;

interface NativeStatement {
  columns(): unknown;
}
interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  exec(sql: string): unknown;
}

// Any SQL naming CREATE, ALTER or DROP as a word may change the schema (a false alarm only costs
// a cache emptied: `created_at` is not the word).
const changesSchema = /\b(create|alter|drop)\b/i;
const installed = Symbol.for('spotlight.statementCache');

/**
 * Makes the `libsql` native Database (Node) keep its prepared statements, once per process;
 * later calls do nothing. Returns whether the cache is on (false in the Workers runtime, or when
 * the `libsql` package cannot be loaded).
 */
export function cacheLibsqlStatements(): boolean {
  if (typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers') return false;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const moduleApi = proc?.getBuiltinModule?.('node:module') as
    | { createRequire(from: string): (id: string) => unknown }
    | undefined;
  if (!moduleApi) return false;
  let Database: { prototype: NativeDatabase & { [installed]?: true } };
  try {
    // Resolved at run time, never bundled: the Worker has no native binding.
    Database = moduleApi.createRequire(import.meta.url)('libsql') as typeof Database;
  } catch {
    return false;
  }
  const proto = Database.prototype;
  if (proto[installed]) return true;
  const prepare = proto.prepare;
  const exec = proto.exec;
  // Per connection; `generation` grows with every schema change, and a cache of an older one is dropped.
  const caches = new WeakMap<object, { generation: number; statements: Map<string, NativeStatement> }>();
  let generation = 0;
  proto.prepare = function (this: NativeDatabase, sql: string): NativeStatement {
    if (changesSchema.test(sql)) {
      generation++;
      return prepare.call(this, sql);
    }
    let cache = caches.get(this);
    if (!cache || cache.generation !== generation) {
      cache = { generation, statements: new Map() };
      caches.set(this, cache);
    }
    let statement = cache.statements.get(sql);
    if (statement) return statement;
    statement = prepare.call(this, sql);
    // A statement's columns are fixed while the schema is (a schema change drops the cache).
    const columns = statement.columns.bind(statement);
    let known: unknown;
    statement.columns = () => {
      known ??= columns();
      return known;
    };
    cache.statements.set(sql, statement);
    if (cache.statements.size > STATEMENTS_PER_CONNECTION)
      cache.statements.delete(cache.statements.keys().next().value as string);
    return statement;
  };
  proto.exec = function (this: NativeDatabase, sql: string): unknown {
    if (changesSchema.test(sql)) generation++;
    return exec.call(this, sql);
  };
  proto[installed] = true;
  return true;
}
