import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ph, preparedQuery } from '../db/prepared.ts';
import { tookEffect } from '../db/took-effect.ts';
import { rateLimits } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

/** A limit: at most `max` hits per `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

// The statements below are built once (../db/prepared.ts): they run in every write request.

/** A hit's count after the upsert: 1 in a new window, else one more than stored. */
const countAfterHit = sql`CASE WHEN ${rateLimits.windowStart} <= ${ph('windowOver')} THEN 1 ELSE ${rateLimits.count} + 1 END`;
const windowAfterHit = sql`CASE WHEN ${rateLimits.windowStart} <= ${ph('windowOver')} THEN excluded.window_start ELSE ${rateLimits.windowStart} END`;
type HitValues = { key: string; now: Date; windowOver: number };

/** The upsert that counts one hit for `key` (fixed window); {@link hit} reads the count back. */
const hitUpsert = preparedQuery<HitValues, { count: number }[]>((db) =>
  db
    .insert(rateLimits)
    .values({ key: ph('key'), windowStart: ph('now'), count: 1 })
    .onConflictDoUpdate({ target: rateLimits.key, set: { count: countAfterHit, windowStart: windowAfterHit } })
    .returning({ count: rateLimits.count }),
);
const hitStatement = (db: Db, { key, limit }: Counter, now: Date) =>
  hitUpsert(db, { key, now, windowOver: now.getTime() - limit.windowMs });

/**
 * The same upsert, refusing to count past the limit: when the count after the hit would be above
 * `max` it writes NULL into the NOT NULL column `count`, so the statement — and the batch it is
 * in — fails with "NOT NULL constraint failed: rate_limits.count" ({@link isLimitAbort}). One
 * statement per counter where a hit and a separate guard took two.
 */
const guardedHitUpsert = preparedQuery<HitValues & { max: number }, unknown>((db) =>
  db
    .insert(rateLimits)
    .values({ key: ph('key'), windowStart: ph('now'), count: sql`CASE WHEN 1 > ${ph('max')} THEN NULL ELSE 1 END` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${countAfterHit} > ${ph('max')} THEN NULL ELSE ${countAfterHit} END`,
        windowStart: windowAfterHit,
      },
    }),
);

/**
 * Counts one hit for `key` and says whether it is within the limit. One conditional upsert, so
 * concurrent hits are all counted on D1 and libSQL alike (fixed window: the count restarts when
 * the window has passed).
 */
export async function hit(db: Db, key: string, limit: Limit, now: Date): Promise<{ allowed: boolean; count: number }> {
  const [row] = await hitStatement(db, { key, limit }, now);
  const count = row?.count ?? limit.max + 1;
  return { allowed: count <= limit.max, count };
}

/**
 * Counts a hit and answers 429 with Retry-After when `key` is over its limit.
 * @throws AppError `request.rateLimited` (429, Retry-After: the window) when `key` is over its limit
 */
export async function limitOrThrow(db: Db, key: string, limit: Limit, now: Date): Promise<void> {
  if (!(await hit(db, key, limit, now)).allowed)
    throw new AppError('request.rateLimited', 429, [], limit.windowMs / 1000);
}

/** A rate-limit counter and its limit, for the statements below. */
export interface Counter {
  key: string;
  limit: Limit;
}

/**
 * The read of `counters`' rows, for the request's read batch: with {@link overAnyLimit} it refuses a
 * request that is already over a limit before anything is written (as {@link limitOrThrow} would).
 */
export const readCounters = (db: Db, counters: readonly Counter[]) =>
  countersRead(db, { keys: JSON.stringify(counters.map((c) => c.key)) });
// The keys as one JSON array, so one statement (built once) reads any number of counters.
const countersRead = preparedQuery<{ keys: string }, { key: string; windowStart: Date; count: number }[]>((db) =>
  db
    .select({ key: rateLimits.key, windowStart: rateLimits.windowStart, count: rateLimits.count })
    .from(rateLimits)
    .where(inArray(rateLimits.key, sql`(SELECT value FROM json_each(${ph('keys')}))`)),
);

/** The first counter whose current window is already full (one more hit would be refused), if any. */
export function overAnyLimit(
  rows: readonly { key: string; windowStart: Date; count: number }[],
  counters: readonly Counter[],
  now: Date,
): Counter | undefined {
  return counters.find((c) => {
    const row = rows.find((r) => r.key === c.key);
    return (
      row !== undefined && row.windowStart.getTime() > now.getTime() - c.limit.windowMs && row.count >= c.limit.max
    );
  });
}

/**
 * The statements that count one hit on each counter and guard the work: put them first in the
 * batch that does the request's work, which then takes effect only within every limit. When a
 * limit is over, the batch fails as a whole (nothing written, not even the hits: the count
 * already stands above the limit) with an error {@link isLimitAbort} recognises. SQLite runs one
 * statement at a time, so concurrent requests cannot pass a limit together (D1 has no interactive
 * transactions; this is how a limit guards a batch's work in SQL). One statement per counter.
 */
export const countedAndGuarded = (db: Db, counters: readonly Counter[], now: Date) =>
  counters.map(({ key, limit }) =>
    guardedHitUpsert(db, { key, now, windowOver: now.getTime() - limit.windowMs, max: limit.max }),
  );

/**
 * The same upsert as {@link countedAndGuarded}'s, counting only when the statement right before it
 * in the batch changed a row (`changes() > 0`, ../db/took-effect.ts): the counters of a write that
 * goes first in its batch, guarded in SQL, so a write its guard refused counts nothing. Over the
 * limit it fails the batch as a whole, as {@link countedAndGuarded} does.
 */
const guardedHitAfter = preparedQuery<HitValues & { max: number }, unknown>((db) =>
  db
    .insert(rateLimits)
    .select(
      sql`SELECT ${ph('key')}, ${ph('now')}, CASE WHEN 1 > ${ph('max')} THEN NULL ELSE 1 END WHERE ${tookEffect()}`,
    )
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${countAfterHit} > ${ph('max')} THEN NULL ELSE ${countAfterHit} END`,
        windowStart: windowAfterHit,
      },
    }),
);

/**
 * {@link countedAndGuarded} for counters that follow the work in the batch: put them directly after
 * the write, each counting only when the statement before it changed a row (the write, then each
 * counter in turn), and failing the batch as a whole when a limit is over (nothing written). For a
 * write whose guards are in SQL and that may not happen: a refused write counts nothing here.
 */
export const countedAfter = (db: Db, counters: readonly Counter[], now: Date) =>
  counters.map(({ key, limit }) =>
    guardedHitAfter(db, { key, now, windowOver: now.getTime() - limit.windowMs, max: limit.max }),
  );

/** Whether a failed batch failed on a {@link countedAndGuarded} guard (a limit was over). */
export function isLimitAbort(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++)
    if (/NOT NULL constraint failed: rate_limits\.count/.test(e.message)) return true;
  return false;
}

/**
 * The 429 for a request over `counter`'s limit, as {@link limitOrThrow} answers it.
 */
export const rateLimited = (counter: Counter) =>
  new AppError('request.rateLimited', 429, [], counter.limit.windowMs / 1000);

/**
 * Counts one hit on each counter in one batch (for a request refused before its work batch, so
 * refusals count as they did when the hit came first), and throws 429 when one is over its limit.
 * @throws AppError `request.rateLimited` (429, Retry-After: the window) when a counter is over its limit
 */
export async function countHits(db: Db, counters: readonly Counter[], now: Date): Promise<void> {
  if (counters.length === 0) return;
  const [first, ...rest] = counters.map((c) => hitStatement(db, c, now));
  // Each upsert returns its counter's count after the hit: no second read.
  const counts = (await db.batch([first!, ...rest])) as { count: number }[][];
  const over = counters.find((c, i) => (counts[i]?.[0]?.count ?? 0) > c.limit.max);
  if (over) throw rateLimited(over);
}
