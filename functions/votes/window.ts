import type { VoteState } from '../db/schema/votes.ts';

/** How long a mailed vote link works (and never past the window's close). */
export const VOTE_LINK_TTL_MS = 48 * 60 * 60_000;

/**
 * The vote's state now: `unset` without a window; `upcoming` before `opensAt`; `open` from
 * `opensAt` (inclusive) to `closesAt` (exclusive); `closed` after.
 */
export function voteState(window: { opensAt: Date; closesAt: Date } | null | undefined, now: Date): VoteState {
  if (!window) return 'unset';
  if (now < window.opensAt) return 'upcoming';
  if (now < window.closesAt) return 'open';
  return 'closed';
}
