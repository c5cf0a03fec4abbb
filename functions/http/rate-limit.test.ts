import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rateLimits, users } from '../db/schema/index.ts';
import { createTestDb } from '../testing/db.ts';
import { countedAndGuarded, countHits, isLimitAbort, overAnyLimit, readCounters } from './rate-limit.ts';

const now = new Date('2026-11-23T10:00:00Z');
const counter = { key: 'test:ip:1', limit: { max: 2, windowMs: 60_000 } };
const user = (id: string) =>
  ({ id, email: `${id}@example.org`, locale: 'en', status: 'active', createdAt: now, updatedAt: now }) as const;

describe('rate limits counted in the work batch (node, libSQL)', () => {
  it('runs the work while within the limit, then fails the whole batch: no work, no hit (isLimitAbort)', async () => {
    const { db, client } = await createTestDb();
    const work = (id: string) =>
      db.batch([...countedAndGuarded(db, [counter], now), db.insert(users).values(user(id))] as never);
    await work('a');
    await work('b');
    const error = await work('c').catch((e: unknown) => e);
    expect(isLimitAbort(error)).toBe(true);
    expect((await client.execute('SELECT id FROM users ORDER BY id')).rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect((await db.select().from(rateLimits).where(eq(rateLimits.key, counter.key)).get())?.count).toBe(2);
    // The read batch's check refuses before any write once the window is full, and not after it.
    const rows = await readCounters(db, [counter]);
    expect(overAnyLimit(rows, [counter], now)?.key).toBe('test:ip:1');
    expect(overAnyLimit(rows, [counter], new Date(now.getTime() + 60_001))).toBeUndefined();
    // A new window: the work runs again and the count restarts at 1.
    await db.batch([
      ...countedAndGuarded(db, [counter], new Date(now.getTime() + 60_001)),
      db.insert(users).values(user('e')),
    ] as never);
    expect((await db.select().from(rateLimits).where(eq(rateLimits.key, counter.key)).get())?.count).toBe(1);
  });

  it('a failure of the work itself is not a limit abort, and its hits are rolled back with it', async () => {
    const { db } = await createTestDb();
    await db.insert(users).values(user('a'));
    const error = await db
      .batch([...countedAndGuarded(db, [counter], now), db.insert(users).values(user('a'))] as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isLimitAbort(error)).toBe(false);
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, counter.key)).get()).toBeUndefined();
  });

  it('countHits counts a refused request and answers 429 past the limit', async () => {
    const { db } = await createTestDb();
    await countHits(db, [counter], now);
    await countHits(db, [counter], now);
    await expect(countHits(db, [counter], now)).rejects.toMatchObject({ code: 'request.rateLimited', status: 429 });
    expect((await db.select().from(rateLimits).where(eq(rateLimits.key, counter.key)).get())?.count).toBe(3);
  });
});
