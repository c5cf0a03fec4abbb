// A round's leaderboard: per entry the raw and normalised summaries, the disagreement and its
// reasons, and ranks in which ties stay ties (1, 2=, 2=, 4). Pure: no I/O.
import type { RubricCriterion } from '../db/schema/jury.ts';
import { type CriterionSpread, type ScoredReview, type Summary, strongDisagreements, summarise } from './aggregate.ts';

/** How a leaderboard is ordered (query `sort`): by raw mean, by normalised mean, or by disagreement. */
export const leaderboardSorts = ['total', 'normalised', 'disagreement'] as const;
export type LeaderboardSort = (typeof leaderboardSorts)[number];
/** Which scores the ranks (and the charts) use (query `scores`): the switch shown with every ranking. */
export const scoreKinds = ['raw', 'normalised'] as const;
export type ScoreKind = (typeof scoreKinds)[number];

/** What the leaderboard knows of an entry. */
export interface EntryInput {
  id: string;
  number: string;
  title: string;
  language: string;
  categoryId: string;
}

/** One row of a leaderboard. */
export interface EntryResult extends EntryInput {
  /** Summary of the reviews' totals on the rubric's range (abstentions left out). */
  raw: Summary;
  normalised: Summary;
  /** Reviews submitted, abstentions included. */
  reviews: number;
  abstentions: number;
  /** Criteria the jurors were far apart on (empty: no strong disagreement). */
  disagreements: CriterionSpread[];
  /** Ranks by raw and by normalised mean within the category (ties share a rank); null without a score. */
  rank: { raw: number | null; normalised: number | null };
  /** Whether another entry of the category shares that rank. */
  tied: { raw: boolean; normalised: boolean };
}

/** Two means closer than this are a tie (totals are means of a few values: rounding noise only). */
const TIE = 1e-9;

/**
 * Standard competition ranks ("1224") of `values` in descending order: equal values (within 1e-9)
 * share the rank of the first of them; null values get no rank. Returned in the order given.
 */
export function competitionRanks(values: readonly (number | null)[]): { rank: number | null; tied: boolean }[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null)
    .sort((a, b) => b.v - a.v || a.i - b.i);
  const out: { rank: number | null; tied: boolean }[] = values.map(() => ({ rank: null, tied: false }));
  let position = 0;
  for (let k = 0; k < order.length; k++) {
    const here = order[k] as { v: number; i: number };
    const previous = order[k - 1];
    if (!previous || previous.v - here.v > TIE) position = k + 1;
    const next = order[k + 1];
    const tied =
      (previous !== undefined && previous.v - here.v <= TIE) || (next !== undefined && here.v - next.v <= TIE);
    out[here.i] = { rank: position, tied };
  }
  return out;
}

/**
 * The entries of one category with their summaries and ranks (raw and normalised), from the
 * round's scored reviews. Entries without a review are listed with count 0 and no rank.
 */
export function categoryResults(
  entries: readonly EntryInput[],
  reviews: readonly ScoredReview[],
  criteria: readonly RubricCriterion[],
): EntryResult[] {
  const rows = entries.map((e) => {
    const mine = reviews.filter((r) => r.entryId === e.id);
    const totals = mine.flatMap((r) => (r.total === null ? [] : [r.total]));
    const normalised = mine.flatMap((r) => (r.normalisedTotal === null ? [] : [r.normalisedTotal]));
    return {
      ...e,
      raw: summarise(totals),
      normalised: summarise(normalised),
      reviews: mine.length,
      abstentions: mine.filter((r) => r.total === null).length,
      disagreements: strongDisagreements(criteria, mine),
    };
  });
  const raw = competitionRanks(rows.map((r) => r.raw.mean));
  const norm = competitionRanks(rows.map((r) => r.normalised.mean));
  return rows.map((r, i) => ({
    ...r,
    rank: { raw: raw[i]?.rank ?? null, normalised: norm[i]?.rank ?? null },
    tied: { raw: raw[i]?.tied ?? false, normalised: norm[i]?.tied ?? false },
  }));
}

/** The sort key of an entry without a score: below every real one. */
const NONE = -1e9;

/** How far apart an entry's jurors were: max − min of the raw totals (0 with one review, -1 with none). */
export const disagreementOf = (e: EntryResult): number => e.raw.range ?? -1;

/**
 * The rows in the order asked: `total` and `normalised` by that mean, best first; `disagreement`:
 * entries with a strong disagreement first, then by max − min of the raw totals, widest first. Entries without a
 * score come last; equal keys keep entry number order.
 */
export function sortResults(rows: readonly EntryResult[], sort: LeaderboardSort): EntryResult[] {
  const key = (e: EntryResult): number =>
    sort === 'total'
      ? (e.raw.mean ?? NONE)
      : sort === 'normalised'
        ? (e.normalised.mean ?? NONE)
        : disagreementOf(e) + (e.disagreements.length ? 1000 : 0);
  return [...rows].sort((a, b) => {
    const d = key(b) - key(a);
    return Math.abs(d) > TIE ? d : a.number.localeCompare(b.number);
  });
}
