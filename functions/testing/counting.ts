// A libSQL client that records what reaches the database: every round trip (an `execute`, or a
// `batch` with its statements). Tests pin the cost of a request with it ("a score save is one
// batch of N statements"), and bench/api.bench.ts prints it per endpoint (BENCH_PROFILE=1).
import type { Client, InStatement } from '@libsql/client';

/** One round trip to the database: a lone statement, or a batch (one transaction) of several. */
export interface RoundTrip {
  kind: 'execute' | 'batch';
  /** The SQL of each statement, in order (one for `execute`). */
  sql: string[];
}

const sqlOf = (statement: InStatement): string => (typeof statement === 'string' ? statement : statement.sql);

/**
 * Wraps `client` so every `execute` and `batch` is recorded in `trips` (the client works as before).
 * @returns the wrapped client, the recorded round trips (oldest first), and `reset()` to empty them
 */
export function countingClient(client: Client): { client: Client; trips: RoundTrip[]; reset: () => void } {
  const trips: RoundTrip[] = [];
  const wrapped = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'execute')
        return (statement: InStatement | string, args?: unknown) => {
          trips.push({ kind: 'execute', sql: [sqlOf(statement)] });
          return (target.execute as (s: unknown, a?: unknown) => unknown).call(target, statement, args);
        };
      if (property === 'batch')
        return (statements: InStatement[], mode?: unknown) => {
          trips.push({ kind: 'batch', sql: statements.map(sqlOf) });
          return (target.batch as (s: unknown, m?: unknown) => unknown).call(target, statements, mode);
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: wrapped, trips, reset: () => void trips.splice(0) };
}

/** Statements that change data (everything but SELECT), counted over round trips. */
export const writesIn = (trips: readonly RoundTrip[]) =>
  trips.flatMap((t) => t.sql).filter((s) => !/^\s*select\b/i.test(s)).length;

/**
 * A short summary of round trips for a test's expectation: e.g. `['execute', 'batch(3)']`.
 */
export const shapeOf = (trips: readonly RoundTrip[]) =>
  trips.map((t) => (t.kind === 'execute' ? 'execute' : `batch(${t.sql.length})`));
