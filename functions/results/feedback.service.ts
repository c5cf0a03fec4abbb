// What an entrant sees once an edition's results are published (issue 13 item 8): each of their
// entries' outcome and the comments jurors wrote for them — never a juror's name in a blind
// edition (publication-rules.ts `isBlindEdition`). Before publishing, nothing here exists (404).
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import {
  categories,
  editions,
  entries,
  jurors,
  placements,
  publications,
  reviews,
  rounds,
  users,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { isBlindEdition, outcomeOf } from './publication-rules.ts';
import type { FeedbackView, Outcome } from './publication.schemas.ts';

type ServiceDeps = Pick<Deps, 'db'>;

/**
 * The signed-in person's entries in editions whose results are published, with their outcome.
 * Only submitted entries (drafts and withdrawn entries were never judged).
 */
export async function myOutcomes(
  deps: ServiceDeps,
  userId: string,
): Promise<{ entryId: string; editionId: string; outcome: Outcome }[]> {
  const rows = await deps.db
    .select({ entryId: entries.id, editionId: entries.editionId, place: placements.place })
    .from(entries)
    .innerJoin(publications, eq(publications.editionId, entries.editionId))
    .leftJoin(placements, eq(placements.entryId, entries.id))
    .where(and(eq(entries.entrantId, userId), eq(entries.status, 'submitted'), eq(publications.state, 'published')))
    .orderBy(asc(entries.editionId), asc(entries.seq));
  return rows.map((r) => ({ entryId: r.entryId, editionId: r.editionId, outcome: outcomeOf(r.place) }));
}

/**
 * One of the signed-in person's entries after its edition's results were published: the outcome
 * and the jurors' comments for the entrant (submitted reviews, every round, in round order). A
 * juror's name comes only with a comment of an edition that is not blind.
 * @throws AppError `request.notFound` (404) when the entry does not exist, is another person's, was never
 *   submitted, or its edition's results are not published — all alike (S07, S20)
 */
export async function entryFeedback(deps: ServiceDeps, userId: string, entryId: string): Promise<FeedbackView> {
  const { db } = deps;
  const row = await db
    .select({
      id: entries.id,
      number: entries.number,
      title: entries.title,
      editionId: entries.editionId,
      categoryName: categories.name,
      editionName: editions.name,
      place: placements.place,
    })
    .from(entries)
    .innerJoin(editions, eq(editions.id, entries.editionId))
    .innerJoin(publications, eq(publications.editionId, entries.editionId))
    .leftJoin(categories, eq(categories.id, entries.categoryId))
    .leftJoin(placements, eq(placements.entryId, entries.id))
    .where(
      and(
        eq(entries.id, entryId),
        eq(entries.entrantId, userId),
        eq(entries.status, 'submitted'),
        eq(publications.state, 'published'),
      ),
    )
    .get();
  if (!row) throw new AppError('request.notFound', 404);
  const editionRounds = await db
    .select({ id: rounds.id, namesShown: rounds.namesShown })
    .from(rounds)
    .where(eq(rounds.editionId, row.editionId));
  const blind = isBlindEdition(editionRounds);
  const comments =
    editionRounds.length === 0
      ? []
      : await db
          .select({
            text: reviews.commentForEntrant,
            round: rounds.name,
            juror: users.displayName,
          })
          .from(reviews)
          .innerJoin(rounds, eq(rounds.id, reviews.roundId))
          .innerJoin(jurors, eq(jurors.id, reviews.jurorId))
          .innerJoin(users, eq(users.id, jurors.userId))
          .where(
            and(
              eq(reviews.entryId, entryId),
              eq(reviews.state, 'submitted'),
              ne(reviews.commentForEntrant, ''),
              inArray(
                reviews.roundId,
                editionRounds.map((r) => r.id),
              ),
            ),
          )
          // Random review ids: the order says nothing about who wrote which comment.
          .orderBy(asc(rounds.position), asc(reviews.id));
  return {
    entry: {
      id: row.id,
      number: row.number,
      title: row.title,
      editionId: row.editionId,
      category: row.categoryName ?? null,
    },
    edition: { id: row.editionId, name: row.editionName },
    outcome: outcomeOf(row.place),
    comments: comments.map((c) => ({ text: c.text, round: c.round, juror: blind ? null : (c.juror ?? null) })),
  };
}
