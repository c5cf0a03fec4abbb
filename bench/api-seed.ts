// The data bench/api.bench.ts writes against, the same on a libSQL file and on D1 (where the bench
// Worker, bench/d1/worker.ts, runs it): the demo editions and the demo jury (demo seeders), then
// per-request identities so no rate limit is what the bench measures — entrants with one draft
// each, extra accepted jurors assigned to every demo entry of the open round, and a lunch day.
import { eq } from 'drizzle-orm';
import { sessionInsert } from '../functions/accounts/sessions.ts';
import { insertDemoEditions } from '../functions/competition/demo-edition.ts';
import type { Db } from '../functions/db/client.ts';
import { assignments, entries, jurors, roleAssignments, users } from '../functions/db/schema/index.ts';
import { demoIds, insertDemoJury } from '../functions/jury/demo-jury.ts';
import { createLunchDay } from '../functions/testing/factories.ts';

/** What the load generator needs: who it signs in as and which rows it writes. */
export interface ApiBenchData {
  /** The open edition (`2027`), read by the "read an edition" cell. */
  editionId: string;
  /** One draft per entrant: its session cookie and entry id (entry steps rotate through these). */
  entrants: { cookie: string; entryId: string }[];
  /** Extra accepted jurors of 2026 × the demo entries of the open round: one review each. */
  reviews: { cookie: string; jurorId: string; entryId: string }[];
  /** The open demo round of 2026, its edition, and the lunch day sign-ups go to. */
  roundId: string;
  juryEditionId: string;
  lunchDayId: string;
  /** The first entrant's user id, for the bare endpoints' rows. */
  someUserId: string;
}

/** How many identities the seed makes (each rotates within its rate limits for a ~10-minute run). */
export interface ApiBenchSize {
  entrants: number;
  jurors: number;
}

const chunk = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/**
 * Seeds the bench data into an empty, migrated database; returns the identities to rotate.
 * One row per statement and at most 50 statements per batch (D1's limits on bound values).
 */
export async function seedApiBench(db: Db, now: Date, size: ApiBenchSize): Promise<ApiBenchData> {
  await insertDemoEditions(db, now);
  const demo = await insertDemoJury(db, now);
  const juryEditionId = demo.rounds[0]!.editionId;
  const dayId = await createLunchDay(
    { db, clock: () => now },
    {
      date: new Date(now.getTime() + 60 * 86_400_000).toISOString().slice(0, 10),
      signupDeadline: new Date(now.getTime() + 50 * 86_400_000).toISOString().slice(0, 10),
      hostPlaces: 1_000,
      guestPlaces: 1_000,
    },
  );
  const statements: Parameters<Db['batch']>[0][number][] = [];
  const entrants: ApiBenchData['entrants'] = [];
  for (let i = 0; i < size.entrants; i++) {
    const userId = `bench-entrant-${i}`;
    const entryId = `bench-entry-${i}`;
    const session = await sessionInsert(db, userId, false, now);
    statements.push(
      db.insert(users).values({
        id: userId,
        email: `entrant-${i}@bench.example.org`,
        locale: 'en',
        status: 'active',
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(roleAssignments).values({
        id: `${userId}-role`,
        userId,
        role: 'entrant',
        scope: 'edition:2027',
        createdAt: now,
      }),
      db
        .insert(entries)
        .values({ id: entryId, editionId: '2027', entrantId: userId, locale: 'en', createdAt: now, updatedAt: now }),
      session.insert,
    );
    entrants.push({ cookie: `__Host-spotlight-session=${session.id}`, entryId });
  }
  const submitted = demo.entries.map((e) => e.id);
  const reviews: ApiBenchData['reviews'] = [];
  for (let i = 0; i < size.jurors; i++) {
    const userId = `bench-juror-user-${i}`;
    const jurorId = `bench-juror-${i}`;
    const session = await sessionInsert(db, userId, false, now);
    statements.push(
      db.insert(users).values({
        id: userId,
        email: `juror-${i}@bench.example.org`,
        locale: 'en',
        status: 'active',
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(roleAssignments).values({
        id: `${userId}-role`,
        userId,
        role: 'juror',
        scope: `edition:${juryEditionId}`,
        createdAt: now,
      }),
      db.insert(jurors).values({
        id: jurorId,
        editionId: juryEditionId,
        userId,
        invitedBy: 'bench',
        invitedAt: now,
        acceptedAt: now,
        languages: [{ code: 'sk', level: 'native' }],
        expertise: [],
        bio: '',
        employer: '',
        createdAt: now,
        updatedAt: now,
      }),
      session.insert,
      ...submitted.map((entryId) =>
        db
          .insert(assignments)
          .values({
            id: `bench-assignment-${i}-${entryId}`,
            roundId: demoIds.round,
            entryId,
            jurorId,
            source: 'manual',
            quality: 0,
            createdAt: now,
          })
          .onConflictDoNothing(),
      ),
    );
    for (const entryId of submitted)
      reviews.push({ cookie: `__Host-spotlight-session=${session.id}`, jurorId, entryId });
  }
  for (const part of chunk(statements, 50)) await db.batch(part as [(typeof part)[0], ...typeof part]);
  const first = await db.select({ id: users.id }).from(users).where(eq(users.id, 'bench-entrant-0')).get();
  return {
    editionId: '2027',
    entrants,
    reviews,
    roundId: demoIds.round,
    juryEditionId,
    lunchDayId: dayId,
    someUserId: first?.id ?? 'bench-entrant-0',
  };
}
