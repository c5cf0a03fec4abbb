// The Schulze count of a ranked round, per category, for managers: the submitted ballots over the
// round's entries of the category (functions/results/schulze.ts), the tables, the order, its ties and
// how they were broken. Jurors' identities are not part of the answer: only how many ballots counted.
import { asc, eq } from 'drizzle-orm';
import { assignments, ballots, categories } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { conflicted, roundOf } from '../jury/access.ts';
import { acceptedJurors, roundEntries } from '../jury/rounds.service.ts';
import { roundState } from '../jury/rules.ts';
import { type Ballot, schulze, tieBreakingRanking } from './schulze.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

/** The seed of a category's tie-breaking ranking: fixed by the round and category, shown to managers. */
export const tieBreakSeed = (roundId: string, categoryId: string) => `${roundId}/${categoryId}`;

/**
 * The Schulze count of a ranked round, per category with entries in it (edition's category order).
 * Counts the submitted ballots of accepted jurors only (`voters`: jurors who have the category's
 * ballot; `drafts`: ballots saved but not submitted, not counted). An entry missing from a juror's ballot — a conflict, whenever it was
 * recorded (also one recorded after the ballot: it is dropped at count time), or an entry not given
 * to that juror — is "not ranked by that juror": the ballot expresses no preference for or against
 * it (`omitted` counts such ballot–entry pairs). Ties are broken by the tie-breaking ranking seeded
 * with `seed` (see schulze.ts `tieBreakingRanking`).
 * @throws AppError `request.notFound` (404) when the round is not of this edition
 * @throws AppError `ballot.notRanked` (409) when the round is not a ranked round
 */
export async function rankedResults(deps: ServiceDeps, editionId: string, roundId: string) {
  const round = await roundOf(deps.db, editionId, roundId);
  if (round.kind !== 'ranked') throw new AppError('ballot.notRanked', 409);
  const [list, cats, rows, jurorList, pairs] = await Promise.all([
    roundEntries(deps.db, round),
    deps.db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.editionId, editionId))
      .orderBy(asc(categories.position), asc(categories.slug)),
    deps.db.select().from(ballots).where(eq(ballots.roundId, roundId)),
    acceptedJurors(deps.db, editionId),
    deps.db
      .select({ jurorId: assignments.jurorId, entryId: assignments.entryId })
      .from(assignments)
      .where(eq(assignments.roundId, roundId)),
  ]);
  const jurorById = new Map(jurorList.map((j) => [j.id, j]));
  const results = cats
    .map((c) => {
      const candidates = list.filter((e) => e.categoryId === c.id);
      const ids = candidates.map((e) => e.id);
      // Jurors with this category's ballot: assigned an entry of it they are not in conflict with.
      const voters = new Set(
        pairs
          .filter((a) => {
            const juror = jurorById.get(a.jurorId);
            const entry = candidates.find((e) => e.id === a.entryId);
            return juror && entry && !conflicted(juror, entry);
          })
          .map((a) => a.jurorId),
      ).size;
      const drafts = rows.filter((b) => b.categoryId === c.id && b.state === 'draft').length;
      let omitted = 0;
      const counted: Ballot[] = rows
        .filter((b) => b.categoryId === c.id && b.state === 'submitted' && jurorById.has(b.jurorId))
        .map((b) => {
          const juror = jurorById.get(b.jurorId);
          const ballot: Record<string, number | null> = {};
          for (const e of candidates) {
            if (!(e.id in b.ranks) || (juror && conflicted(juror, e))) omitted++;
            else ballot[e.id] = b.ranks[e.id] ?? null;
          }
          return ballot;
        });
      const seed = tieBreakSeed(roundId, c.id);
      const tieBreak = tieBreakingRanking(ids, counted, seed);
      const result = schulze(ids, counted, tieBreak.ranking);
      return {
        categoryId: c.id,
        name: c.name,
        entries: candidates.map((e) => ({ id: e.id, number: e.number, title: e.title, language: e.language })),
        omitted,
        voters,
        drafts,
        seed,
        tieBreakRanking: tieBreak.ranking,
        ...result,
      };
    })
    .filter((r) => r.entries.length > 0);
  return {
    round: { id: round.id, name: round.name, kind: round.kind, state: roundState(round, deps.clock()) },
    categories: results,
  };
}
