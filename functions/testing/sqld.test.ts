import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ownsListeningPort, type SqldServer, startSqld } from './sqld.ts';

// Two test files start sqld at the same time (libsql-server, busy-retry, db-backup); a port picked
// by one may be taken by the other's server before its own binds it.
describe('startSqld', () => {
  const servers: SqldServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.stop())));

  it('knows which process holds a port', async () => {
    const first = await startSqld();
    servers.push(first);
    expect([await ownsListeningPort(first.pid, first.port), await ownsListeningPort(process.pid, first.port)]).toEqual([
      true,
      false,
    ]);
  });

  it('does not take another server that answers on its port for its own: it picks another port', async () => {
    const [first] = servers;
    const picked: number[] = [];
    const second = await startSqld(20_000, async () => {
      // The first pick is the running server's port (as when another process took it first).
      const port = picked.length === 0 ? first!.port : await freePort();
      picked.push(port);
      return port;
    });
    servers.push(second);
    expect([picked.length, picked[0] === first!.port, second.port !== first!.port, second.pid !== first!.pid]).toEqual([
      2,
      true,
      true,
      true,
    ]);
    // Each answers for its own database: a table made in the second is not in the first.
    await fetch(`${second.url}/v2/pipeline`, {
      method: 'POST',
      body: JSON.stringify({ requests: [{ type: 'execute', stmt: { sql: 'CREATE TABLE only_second (x)' } }] }),
    });
    const tables = async (url: string) =>
      (await (
        await fetch(`${url}/v2/pipeline`, {
          method: 'POST',
          body: JSON.stringify({
            requests: [
              { type: 'execute', stmt: { sql: "SELECT count(*) FROM sqlite_master WHERE name = 'only_second'" } },
            ],
          }),
        })
      ).json()) as { results: { response: { result: { rows: { value: string }[][] } } }[] };
    const count = async (url: string) => (await tables(url)).results[0]!.response.result.rows[0]![0]!.value;
    expect([await count(first!.url), await count(second.url)]).toEqual(['0', '1']);
  });
});
