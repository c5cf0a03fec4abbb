// The bare baselines of bench/api.bench.ts: a Hono app with no middleware that does, per request,
// one statement equivalent to what each real endpoint exists to do, on the same database.
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../functions/db/client.ts';
import { editions, entries, lunchHouseholds, reviews } from '../functions/db/schema/index.ts';

/** The JSON bodies the bare writes take (the load generator rotates the ids like the real ones). */
export interface BareBodies {
  review: { roundId: string; entryId: string; jurorId: string };
  entry: { entryId: string; title: string };
  signup: { dayId: string; email: string };
}

/** `GET /bare/editions/:id`, `POST /bare/review`, `POST /bare/entry`, `POST /bare/signup`. */
export function bareApp(db: Db) {
  return new Hono()
    .get('/bare/editions/:id', async (c) => {
      const row = await db
        .select()
        .from(editions)
        .where(eq(editions.id, c.req.param('id')))
        .get();
      return row ? c.json(row) : c.json({ code: 'request.notFound' }, 404);
    })
    .post('/bare/review', async (c) => {
      const body = await c.req.json<BareBodies['review']>();
      const now = new Date();
      await db
        .insert(reviews)
        .values({
          id: crypto.randomUUID(),
          ...body,
          version: 1,
          saveId: crypto.randomUUID(),
          state: 'draft',
          scores: { accuracy: 3, balance: 4 },
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [reviews.roundId, reviews.entryId, reviews.jurorId],
          set: { scores: { accuracy: 3, balance: 4 }, version: sql`${reviews.version} + 1`, updatedAt: now },
        });
      return c.json({ status: 'saved' });
    })
    .post('/bare/entry', async (c) => {
      const body = await c.req.json<BareBodies['entry']>();
      await db.update(entries).set({ title: body.title, updatedAt: new Date() }).where(eq(entries.id, body.entryId));
      return c.json({ status: 'saved' });
    })
    .post('/bare/signup', async (c) => {
      const body = await c.req.json<BareBodies['signup']>();
      const now = new Date();
      const id = crypto.randomUUID();
      await db.insert(lunchHouseholds).values({
        id,
        dayId: body.dayId,
        role: 'guest',
        status: 'pending',
        email: body.email,
        locale: 'en',
        languages: ['uk', 'en'],
        town: 'Senec',
        maxTravelKm: 40,
        adults: 2,
        consentedAt: now,
        createdAt: now,
      });
      return c.json({ id, status: 'pending' }, 202);
    });
}
