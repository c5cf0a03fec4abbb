// Test helper: what tookEffect (./took-effect.ts) must do on a driver, run by took-effect.test.ts
// (libSQL) and took-effect.workers.test.ts (D1). Only tests import this file.
import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from './client.ts';
import { rateLimits } from './schema/index.ts';
import { tookEffect } from './took-effect.ts';

/** Inserts a counter named `key` copied from counter `from`, only if the statement before changed a row. */
const copyIfTookEffect = (db: Db, from: string, key: string) =>
  db.insert(rateLimits).select(
    db
      .select({
        key: sql<string>`${key}`.as('key'),
        windowStart: rateLimits.windowStart,
        count: rateLimits.count,
      })
      .from(rateLimits)
      .where(and(eq(rateLimits.key, from), tookEffect())),
  );

const bump = (db: Db, key: string) =>
  db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} + 1` })
    .where(eq(rateLimits.key, key));

/** Runs the contract: a follow-up runs after a change that took effect, not after one that changed nothing. */
export async function tookEffectContract(db: Db): Promise<void> {
  await db.insert(rateLimits).values({ key: 'a', windowStart: new Date(0), count: 1 });
  // The update changes a row: its follow-up, and the follow-up of that follow-up, run.
  await db.batch([bump(db, 'a'), copyIfTookEffect(db, 'a', 'after-a'), copyIfTookEffect(db, 'a', 'chained')]);
  // The update finds nothing (a second request whose change was already made): nothing follows.
  await db.batch([bump(db, 'missing'), copyIfTookEffect(db, 'a', 'after-missing'), copyIfTookEffect(db, 'a', 'x')]);
  const rows = await db
    .select({ key: rateLimits.key, count: rateLimits.count })
    .from(rateLimits)
    .orderBy(rateLimits.key);
  expect(rows).toEqual([
    { key: 'a', count: 2 },
    { key: 'after-a', count: 2 },
    { key: 'chained', count: 2 },
  ]);
}
