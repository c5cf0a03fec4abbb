// What the jury decided, as a suggested place per entry for the managers' publication form: the
// Schulze order of a ranked round (functions/results/schulze.service.ts), or the leaderboard's rank
// by normalised total of a rubric round (functions/results/results.service.ts). Managers still
// record the places by hand; this only shows them the jury's order beside each entry.
import type { Deps } from '../deps.ts';
import { rankedResults } from './schulze.service.ts';
import { roundResults } from './results.service.ts';

/** Where a suggestion comes from: the Schulze count, the normalised leaderboard, or none (screening, no round). */
export type SuggestedBy = 'schulze' | 'normalised' | null;

/** One entry's suggested place within its category (1 = best); `tied` when it shares the place or the Schulze count left it tied. */
export interface Suggested {
  place: number;
  tied: boolean;
}

/**
 * The suggested places of a round's entries, per entry id. Ranked round: the place in the Schulze
 * order (ties broken by the round's seeded tie-breaking ranking; `tied` when the entry's Schulze
 * tier holds others). Rubric round: the competition rank ("1224") by mean normalised total, ties
 * shared (`tied`); entries without a score get none. Screening rounds and no round: nothing.
 * @throws AppError `request.notFound` (404) when the round is not of this edition
 */
export async function suggestedPlaces(
  deps: Pick<Deps, 'db' | 'clock'>,
  editionId: string,
  round: { id: string; kind: string } | null,
): Promise<{ by: SuggestedBy; places: Map<string, Suggested> }> {
  const places = new Map<string, Suggested>();
  if (round?.kind === 'ranked') {
    for (const c of (await rankedResults(deps, editionId, round.id)).categories) {
      c.order.forEach((id, i) => {
        places.set(id, { place: i + 1, tied: (c.tiers.find((tier) => tier.includes(id))?.length ?? 1) > 1 });
      });
    }
    return { by: 'schulze', places };
  }
  if (round?.kind === 'rubric') {
    for (const c of (await roundResults(deps, editionId, round.id, 'normalised')).categories) {
      for (const e of c.entries) {
        if (e.rank.normalised !== null) places.set(e.id, { place: e.rank.normalised, tied: e.tied.normalised });
      }
    }
    return { by: 'normalised', places };
  }
  return { by: null, places };
}
