// Test helper: what preparedQuery (./prepared.ts) must keep doing on a driver, run by
// prepared.test.ts (libSQL) and prepared.workers.test.ts (D1). Only tests import this file.
import { and, eq, gt, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from './client.ts';
import { encoded, ph, preparedQuery } from './prepared.ts';
import { rateLimits } from './schema/index.ts';

const insertCounter = preparedQuery<{ key: string; at: Date; count: number }, unknown>((db) =>
  db.insert(rateLimits).values({ key: ph('key'), windowStart: ph('at'), count: ph('count') }),
);
const counterAbove = preparedQuery<{ key: string; above: number }, { key: string; windowStart: Date; count: number }[]>(
  (db) =>
    db
      .select()
      .from(rateLimits)
      .where(and(eq(rateLimits.key, ph('key')), gt(rateLimits.count, ph('above')), sql`1 = ${1}`)),
);
// A Date compared with a timestamp column through a bare placeholder (drizzle gives it no encoder).
const countersSince = preparedQuery<{ since: Date }, { key: string }[]>((db) =>
  db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(gt(rateLimits.windowStart, ph('since')))
    .orderBy(rateLimits.key),
);
const moveWindow = preparedQuery<{ key: string; at: Date }, { count: number }[]>((db) =>
  db
    .update(rateLimits)
    .set({ windowStart: encoded('at', rateLimits.windowStart), count: sql`${rateLimits.count} + 1` })
    .where(eq(rateLimits.key, ph('key')))
    .returning({ count: rateLimits.count }),
);

// Two selected columns of one name: D1 would lose one of them in a batch's rows.
const _sameNames = preparedQuery<Record<string, never>, unknown>((db) =>
  db.select({ a: rateLimits.key, b: rateLimits.key }).from(rateLimits),
);

/**
 * Runs the contract on `db` (a fresh database with the migrations): items in one batch (insert with a
 * column-encoded Date, a select mapped back to a Date, an update whose `.set()` uses `encoded`, with
 * RETURNING), the same statements again with other values (no value of an earlier call kept), one
 * awaited alone, and a missing value refused.
 */
export async function preparedContract(db: Db): Promise<void> {
  const at = new Date('2026-11-23T10:00:00.000Z');
  const later = new Date('2026-11-23T11:00:00.000Z');
  const [, , read, moved, after] = await db.batch([
    insertCounter(db, { key: 'prepared:a', at, count: 5 }),
    insertCounter(db, { key: 'prepared:b', at: later, count: 1 }),
    counterAbove(db, { key: 'prepared:a', above: 2 }),
    moveWindow(db, { key: 'prepared:a', at: later }),
    counterAbove(db, { key: 'prepared:a', above: 2 }),
  ]);
  expect(read).toEqual([{ key: 'prepared:a', windowStart: at, count: 5 }]);
  expect(moved).toEqual([{ count: 6 }]);
  expect(after).toEqual([{ key: 'prepared:a', windowStart: later, count: 6 }]);
  // The same statements, other values: nothing of the first call is kept.
  const [none, b] = await db.batch([
    counterAbove(db, { key: 'prepared:b', above: 2 }),
    counterAbove(db, { key: 'prepared:b', above: 0 }),
  ]);
  expect(none).toEqual([]);
  expect(b).toEqual([{ key: 'prepared:b', windowStart: later, count: 1 }]);
  expect(await countersSince(db, { since: at })).toEqual([{ key: 'prepared:a' }, { key: 'prepared:b' }]);
  expect(await db.batch([countersSince(db, { since: later })])).toEqual([[]]);
  // Awaited alone, it runs alone.
  expect(await counterAbove(db, { key: 'prepared:a', above: 5 })).toEqual([
    { key: 'prepared:a', windowStart: later, count: 6 },
  ]);
  expect(await moveWindow(db, { key: 'prepared:b', at })).toEqual([{ count: 2 }]);
  await expect(db.batch([counterAbove(db, { key: 'prepared:a' } as { key: string; above: number })])).rejects.toThrow(
    'no value for placeholder "above"',
  );
}
