import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbFromD1 } from '../db/client.ts';
import { rateLimits, users } from '../db/schema/index.ts';
import { countedAndGuarded, isLimitAbort } from './rate-limit.ts';

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

const now = new Date('2026-11-23T10:00:00Z');

describe('rate limits counted in the work batch (workers, D1)', () => {
  it('D1 runs the guarded work within the limit and rolls the whole batch back past it', async () => {
    const db = dbFromD1(env.DB);
    const counter = { key: 'workers-test:ip:1', limit: { max: 2, windowMs: 60_000 } };
    const work = (id: string) =>
      db.batch([
        ...countedAndGuarded(db, [counter], now),
        db
          .insert(users)
          .values({ id, email: `${id}@example.org`, locale: 'en', status: 'active', createdAt: now, updatedAt: now }),
      ] as never);
    await work('rl-a');
    await work('rl-b');
    const error = await work('rl-c').catch((e: unknown) => e);
    expect(isLimitAbort(error)).toBe(true);
    expect((await db.select({ id: users.id }).from(users).where(eq(users.email, 'rl-c@example.org'))).length).toBe(0);
    expect((await db.select().from(rateLimits).where(eq(rateLimits.key, counter.key)).get())?.count).toBe(2);
  });
});
