import { createClient } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SqldServer, startSqld } from '../testing/sqld.ts';
import { isBusy, retryBusy } from './busy-retry.ts';

// The retry itself is exercised where BUSY really happens: 32 simultaneous sign-ups against sqld
// (functions/db/libsql-server.test.ts). Here: what counts as BUSY, and which clients are wrapped.
const dir = mkdtempSync(join(tmpdir(), 'spotlight-busy-'));
let sqld: SqldServer | undefined;
afterAll(async () => {
  await sqld?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('retryBusy', { timeout: 30_000 }, () => {
  it('recognises SQLITE_BUSY from a real locked database, and no other error', async () => {
    const url = `file:${join(dir, 'busy.db')}`;
    const holder = createClient({ url });
    await holder.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const other = createClient({ url });
    const lock = await holder.transaction('write');
    await lock.execute("INSERT INTO t (v) VALUES ('holder')");
    const busy = await other.execute("INSERT INTO t (v) VALUES ('other')").catch((e: unknown) => e);
    await lock.rollback();
    const notNull = await holder.execute('INSERT INTO t (v) VALUES (NULL)').catch((e: unknown) => e);
    expect([isBusy(busy), isBusy(notNull), isBusy(new Error('x', { cause: busy }))]).toEqual([true, false, true]);
    // An embedded file is left as it is; a server connection is wrapped.
    expect(retryBusy(holder)).toBe(holder);
    sqld = await startSqld();
    const remote = createClient({ url: sqld.url });
    const wrapped = retryBusy(remote);
    expect(wrapped).not.toBe(remote);
    expect((await wrapped.execute('SELECT 41 + 1 AS n')).rows[0]?.n).toBe(42);
    await expect(wrapped.execute('SELECT * FROM nowhere')).rejects.toThrow(/no such table: nowhere/);
    for (const c of [holder, other, remote]) c.close();
  });
});
