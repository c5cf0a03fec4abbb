// Where the people's-choice vote takes its entries from: the one place that decides the ballot.
// A round with source `shortlist` takes exactly the explicit shortlist managers recorded on the
// round before (`jury_shortlist`, functions/results/shortlist.service.ts), through `roundEntries`.
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { categories, entries, rounds } from '../db/schema/index.ts';
import { roundEntries } from '../jury/rounds.service.ts';

/** An entry as the public may see it on the vote page: what the work is and where it was published. */
export interface BallotEntry {
  id: string;
  categoryId: string;
  title: string;
  /** The medium that published the work. */
  outlet: string;
  /** Where the work was published (an http(s) URL, or '' when the category needs none). */
  url: string;
}

/**
 * The entries on the people's-choice ballot of an edition, by category id, in entry-number order:
 * the entries of the edition's last jury round (highest position) that has any —
 * `roundEntries` of functions/jury/rounds.service.ts, i.e. a shortlist round's recorded shortlist
 * or, for an `all` round, every eligible entry. No such round: an empty map. Entries without a category are
 * left out.
 */
export async function votingShortlist(db: Db, editionId: string): Promise<Map<string, BallotEntry[]>> {
  const byCategory = new Map<string, BallotEntry[]>();
  // The last round that has entries: a round planned after it (a shortlist of a round still being
  // scored) does not empty the ballot.
  const all = await db.select().from(rounds).where(eq(rounds.editionId, editionId)).orderBy(desc(rounds.position));
  let ids = new Set<string>();
  for (const round of all) {
    ids = new Set((await roundEntries(db, round)).map((e) => e.id));
    if (ids.size > 0) break;
  }
  if (ids.size === 0) return byCategory;
  const rows = await db
    .select({
      id: entries.id,
      categoryId: entries.categoryId,
      title: entries.title,
      outlet: entries.outlet,
      url: entries.url,
    })
    .from(entries)
    .innerJoin(categories, eq(categories.id, entries.categoryId))
    // Filtered here, not by `IN (…)`: D1 binds at most 100 values in a statement.
    .where(eq(entries.editionId, editionId))
    .orderBy(asc(categories.position), asc(entries.number), asc(entries.id));
  for (const row of rows) {
    if (!row.categoryId || !ids.has(row.id)) continue;
    const entry = { ...row, categoryId: row.categoryId, url: /^https?:\/\//i.test(row.url) ? row.url : '' };
    byCategory.set(row.categoryId, [...(byCategory.get(row.categoryId) ?? []), entry]);
  }
  return byCategory;
}
