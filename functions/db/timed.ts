// The database drivers, timed: every statement and batch adds its wait and its statement count to
// the current request (core/request-context.ts), for the request's log line. Wrapped once where
// the drizzle client is made (client.ts); outside a request the wrappers only pass calls through.
import type { Client } from '@libsql/client';
import { noteDb } from '../../core/request-context.ts';

/** Awaits `work` and records its duration (ms) and `statements` for the current request. */
async function timed<T>(statements: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    noteDb(performance.now() - started, statements);
  }
}

/** Methods of D1's prepared statement that send it. */
const D1_SENDS = new Set(['run', 'all', 'raw', 'first']);

/**
 * A D1 binding whose statements and batches are timed. Statements it hands out are proxies; a
 * batch gets back the real statements (the binding checks what it receives).
 * @param d1 the Worker's D1 binding
 */
export function timedD1(d1: D1Database): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property === 'bind') return (...args: unknown[]) => wrap(value.apply(target, args));
        if (typeof property === 'string' && D1_SENDS.has(property))
          return (...args: unknown[]) => timed(1, () => value.apply(target, args));
        return value.bind(target);
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'prepare') return (query: string) => wrap(value.call(target, query));
      if (property === 'batch')
        return (statements: D1PreparedStatement[]) =>
          timed(statements.length, () =>
            value.call(
              target,
              statements.map((s) => real.get(s) ?? s),
            ),
          );
      return value.bind(target);
    },
  });
}

/**
 * A libSQL client whose `execute`, `batch` and `migrate` are timed (an interactive transaction's
 * statements are not: D1 has none, and the API's write paths use batches).
 * @param client a libSQL client (Turso over HTTP, or a local file / `:memory:` in Node)
 */
export function timedLibsql(client: Client): Client {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'execute') return (...args: unknown[]) => timed(1, () => value.apply(target, args));
      if (property === 'batch' || property === 'migrate')
        return (statements: unknown[], ...rest: unknown[]) =>
          timed(statements.length, () => value.call(target, statements, ...rest));
      return value.bind(target);
    },
  });
}
