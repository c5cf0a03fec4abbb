import { asc, eq, sql } from 'drizzle-orm';
import { categories, votes, voteWindows } from '../db/schema/index.ts';
import type { LocalizedText } from '../db/schema/competition.ts';
import type { VoteState } from '../db/schema/votes.ts';
import type { Deps } from '../deps.ts';
import { votingShortlist } from './shortlist-source.ts';
import { voteState } from './window.ts';

/** One category's people's-choice result. */
export interface PeoplesChoiceCategory {
  categoryId: string;
  slug: string;
  name: LocalizedText;
  /** Votes cast in the category (one per verified address). */
  totalVotes: number;
  /** The ballot's entries, most votes first (ties: ballot order); `votes` is a count of addresses. */
  entries: { entryId: string; title: string; outlet: string; url: string; votes: number }[];
  /** Entry ids with the most votes (more than one on a tie; none without votes). */
  winners: string[];
}

/** An edition's people's-choice result: the vote's state and each category with a ballot. */
export interface PeoplesChoiceResults {
  editionId: string;
  state: VoteState;
  categories: PeoplesChoiceCategory[];
}

/**
 * The people's-choice counts of an edition, kept apart from the jury's results. THE function the
 * winners page (results-publish, issue 13 item 7) calls to show the public vote — only once results
 * are published and the vote is `closed`; until then counts are for the edition's managers alone
 * (`votes.manage`). Pure read.
 * @param editionId e.g. `2027`
 * @returns per category (in the edition's order) the ballot with counts and the winners
 */
export async function peoplesChoiceResults(
  deps: Pick<Deps, 'db' | 'clock'>,
  editionId: string,
): Promise<PeoplesChoiceResults> {
  const { db } = deps;
  const [window, cats, ballot, counts] = await Promise.all([
    db.select().from(voteWindows).where(eq(voteWindows.editionId, editionId)).get(),
    db.select().from(categories).where(eq(categories.editionId, editionId)).orderBy(asc(categories.position)),
    votingShortlist(db, editionId),
    db
      .select({ categoryId: votes.categoryId, entryId: votes.entryId, n: sql<number>`count(*)` })
      .from(votes)
      .where(eq(votes.editionId, editionId))
      .groupBy(votes.categoryId, votes.entryId),
  ]);
  const byEntry = new Map(counts.map((c) => [c.entryId, Number(c.n)]));
  const result = cats
    .filter((c) => ballot.has(c.id))
    .map((c): PeoplesChoiceCategory => {
      const list = (ballot.get(c.id) ?? [])
        .map((e) => ({ entryId: e.id, title: e.title, outlet: e.outlet, url: e.url, votes: byEntry.get(e.id) ?? 0 }))
        .sort((a, b) => b.votes - a.votes);
      const top = list[0]?.votes ?? 0;
      return {
        categoryId: c.id,
        slug: c.slug,
        name: c.name,
        totalVotes: counts.filter((x) => x.categoryId === c.id).reduce((sum, x) => sum + Number(x.n), 0),
        entries: list,
        winners: top > 0 ? list.filter((e) => e.votes === top).map((e) => e.entryId) : [],
      };
    });
  return { editionId, state: voteState(window, deps.clock()), categories: result };
}
