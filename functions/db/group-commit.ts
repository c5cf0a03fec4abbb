// Group commit for the write endpoints: the write batches of requests that reach their write in
// the same turn of the event loop are committed as one transaction (one fsync instead of one per
// request). A request's statements still run together, in order, all or nothing, exactly as if the
// requests had been committed one after another; when the combined transaction fails (a limit's
// guard, a unique index, a full disk), each request's batch runs again on its own, so every
// request gets the outcome it would have had alone (S11, S15–S17 unchanged).
//
// Only in Node (the embedded libSQL file, whose client runs each transaction synchronously on the
// one thread, so concurrent requests queue behind each commit): in the Workers runtime a promise of
// one request must not be settled from another request's context, so there each batch commits alone.
import type { Db } from './client.ts';

type Statements = Parameters<Db['batch']>[0];

interface Waiting {
  statements: Statements;
  resolve: (results: unknown[]) => void;
  reject: (error: unknown) => void;
}

/** The most requests one combined transaction takes (its statements stay well under D1's and libSQL's limits). */
export const MAX_GROUP = 32;

const queues = new WeakMap<Db, Waiting[]>();

/** Whether this runtime groups commits: Node yes, the Workers runtime no (see the file's comment). */
export const groupsCommits = (): boolean =>
  typeof navigator === 'undefined' || navigator.userAgent !== 'Cloudflare-Workers';

const nextTurn: (f: () => void) => void =
  typeof setImmediate === 'function' ? (f) => void setImmediate(f) : (f) => void setTimeout(f, 0);

async function flush(db: Db, waiting: Waiting[]): Promise<void> {
  if (waiting.length > 1) {
    try {
      const [first, ...rest] = waiting.flatMap((w) => w.statements);
      const results = (await db.batch([first!, ...rest])) as unknown as unknown[];
      let at = 0;
      for (const w of waiting) {
        w.resolve(results.slice(at, at + w.statements.length));
        at += w.statements.length;
      }
      return;
    } catch {
      // One of them failed: the combined transaction wrote nothing; each runs alone below.
    }
  }
  for (const w of waiting) {
    try {
      w.resolve((await db.batch(w.statements)) as unknown as unknown[]);
    } catch (error) {
      w.reject(error);
    }
  }
}

/**
 * Commits `statements` as one batch (one transaction), together with the batches other requests
 * commit in the same turn of the event loop (in Node; alone in Workers). Resolves with this
 * batch's own results, in order, as `db.batch` does; rejects with the error this batch alone
 * meets (the combined transaction is retried batch by batch when it fails).
 */
export function commitTogether<T extends Statements>(db: Db, statements: T): Promise<Awaited<ReturnType<Db['batch']>>> {
  if (!groupsCommits()) return db.batch(statements) as Promise<Awaited<ReturnType<Db['batch']>>>;
  let queue = queues.get(db);
  const start = !queue;
  if (!queue) {
    queue = [];
    queues.set(db, queue);
  }
  const promise = new Promise<unknown[]>((resolve, reject) => queue.push({ statements, resolve, reject }));
  if (start)
    nextTurn(() => {
      const waiting = queues.get(db) ?? [];
      queues.delete(db);
      for (let i = 0; i < waiting.length; i += MAX_GROUP) void flush(db, waiting.slice(i, i + MAX_GROUP));
    });
  return promise as Promise<Awaited<ReturnType<Db['batch']>>>;
}
