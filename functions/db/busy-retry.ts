import type { Client } from '@libsql/client';

/** Whether an error (or one it was caused by) is SQLite's SQLITE_BUSY ("database is locked"). */
export function isBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if ((typeof code === 'string' && code.startsWith('SQLITE_BUSY')) || /database is locked/.test(e.message))
      return true;
  }
  return false;
}

/**
 * The libSQL client with `execute` and `batch` retried when the server answers SQLITE_BUSY.
 *
 * A libSQL server (sqld, and Turso, which runs it) serves many connections; under concurrent
 * writes a statement or batch sometimes fails at once with "database is locked" instead of
 * waiting (measured with 32 simultaneous lunch sign-ups against sqld 0.24: a few of them, which
 * the API answered with 503). Such a failure wrote nothing — a batch is one transaction and is
 * rolled back, a single statement runs in its own — so trying again is safe. Waits 10, 20, 40,
 * 80, 160 ms (± half, so racing requests spread out) across at most `attempts` tries; any other
 * error, and the last BUSY, are thrown as they came. Only for server connections (http, ws): each
 * request there is a fresh stream, while an embedded file connection that met BUSY is left with a
 * statement in progress (a later write on it "succeeds" and is never committed — seen with
 * @libsql/client 0.18), so a `file:` client is returned as it is. D1 is not a libSQL client.
 * @param attempts tries in all, including the first (default 6)
 */
export function retryBusy(client: Client, attempts = 6): Client {
  if (client.protocol === 'file') return client;
  const retry = async <T>(run: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= attempts || !isBusy(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'execute')
        return (...args: Parameters<Client['execute']>) => retry(() => target.execute(...args));
      if (property === 'batch') return (...args: Parameters<Client['batch']>) => retry(() => target.batch(...args));
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
