import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rateLimits } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';

/** A limit: at most `max` hits per `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

/**
 * Counts one hit for `key` and says whether it is within the limit. One conditional upsert, so
 * concurrent hits are all counted on D1 and libSQL alike (fixed window: the count restarts when
 * the window has passed).
 */
export async function hit(db: Db, key: string, limit: Limit, now: Date): Promise<{ allowed: boolean; count: number }> {
  const windowOver = now.getTime() - limit.windowMs;
  const row = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} <= ${windowOver} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${windowOver} THEN excluded.window_start ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ count: rateLimits.count })
    .get();
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
