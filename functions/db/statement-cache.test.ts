import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/db.ts';
import { cacheLibsqlStatements } from './statement-cache.ts';

type Statement = {
  run(args: unknown[]): unknown;
  all(args: unknown[]): unknown[];
  iterate(args: unknown[]): { next(): unknown };
  raw(on: boolean): Statement;
  columns(): { name: string }[];
};
type Database = { prepare(sql: string): Statement; exec(sql: string): void };
const Native = createRequire(import.meta.url)('libsql') as new (path: string) => Database;

describe('the embedded database keeps its prepared statements (Node)', () => {
  it('reuses a statement after it ran, failed or was read in part; a schema change drops the cache', () => {
    expect(cacheLibsqlStatements()).toBe(true);
    const db = new Native(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    const insert = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
    expect(db.prepare('INSERT INTO t (k, n) VALUES (?, ?)')).toBe(insert);
    insert.run(['a', 1]);
    expect(() => insert.run(['a', 2])).toThrow('UNIQUE constraint failed');
    expect(() => insert.run(['b', null])).toThrow('NOT NULL constraint failed');
    insert.run(['b', 2]);
    const select = db.prepare('SELECT * FROM t WHERE n >= ? ORDER BY k').raw(true);
    expect(select.all([1])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    select.iterate([1]).next();
    expect(select.all([2])).toEqual([['b', 2]]);
    expect(select.columns().map((c) => c.name)).toEqual(['k', 'n']);
    db.exec('ALTER TABLE t ADD COLUMN note TEXT');
    const after = db.prepare('SELECT * FROM t WHERE n >= ? ORDER BY k');
    expect(after).not.toBe(select);
    expect(after.columns().map((c) => c.name)).toEqual(['k', 'n', 'note']);
  });

  it('the client answers as before through cached statements (reads, writes, a failed batch rolled back)', async () => {
    const { client } = await createTestDb();
    for (let i = 0; i < 3; i++) {
      await client.batch([
        { sql: 'INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)', args: [`k${i}`, 1, i] },
      ]);
    }
    await expect(
      client.batch([
        { sql: 'INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)', args: ['k9', 1, 9] },
        { sql: 'INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)', args: ['k0', 1, 0] },
      ]),
    ).rejects.toThrow('UNIQUE');
    const rows = await client.execute({
      sql: 'SELECT key, count FROM rate_limits WHERE count >= ? ORDER BY key',
      args: [0],
    });
    expect(rows.columns).toEqual(['key', 'count']);
    expect(rows.rows.map((r) => [r.key, r.count])).toEqual([
      ['k0', 0],
      ['k1', 1],
      ['k2', 2],
    ]);
  });
});
