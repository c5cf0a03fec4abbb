// The results' public contract: the leaderboard's query (sort, and the raw/normalised switch) and
// the answers' shapes, which pages import as types.
import { z } from 'zod';
import { leaderboardSorts, scoreKinds } from './leaderboard.ts';

export { leaderboardSorts, scoreKinds };
export type { LeaderboardSort, ScoreKind } from './leaderboard.ts';
export type { RoundResults, EntryResult, JurorResult } from './results.service.ts';

/**
 * A round's results query: `sort` orders each leaderboard (total, normalised, disagreement;
 * anything else falls back to total, so a hand-edited link still shows the page).
 */
export const resultsQuery = z.object({
  sort: z.enum(leaderboardSorts).catch('total'),
});
