// Small helpers of the managers' results pages: numbers in the page's language, ranks that show
// ties ("2="), the leaderboard's query (sort and the raw/normalised switch) and chart scales.
import {
  leaderboardSorts,
  scoreKinds,
  type LeaderboardSort,
  type ScoreKind,
} from '../../functions/results/results.schemas.ts';

/** A number with at most `digits` decimals in the locale's notation ("3,67" in Slovak); "—" for none. */
export function formatNumber(locale: string, value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** A p-value to 3 decimals, or "< 0.001" (in the locale's notation) when smaller. */
export function formatP(locale: string, p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return `< ${formatNumber(locale, 0.001, 3)}`;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(p);
}

/** A rank as shown: "2" or, when shared, "2=" (the tie); "—" without a score. */
export const rankLabel = (rank: number | null, tied: boolean): string =>
  rank === null ? '—' : tied ? `${rank}=` : String(rank);

/** The leaderboard's query as asked (unknown values fall back to the defaults: total, raw). */
export function leaderboardQuery(params: URLSearchParams): { sort: LeaderboardSort; scores: ScoreKind } {
  const sort = params.get('sort');
  const scores = params.get('scores');
  return {
    sort: (leaderboardSorts as readonly string[]).includes(sort ?? '') ? (sort as LeaderboardSort) : 'total',
    scores: (scoreKinds as readonly string[]).includes(scores ?? '') ? (scores as ScoreKind) : 'raw',
  };
}

/** The query string of a leaderboard link (`?sort=…&scores=…`). */
export const leaderboardHref = (sort: LeaderboardSort, scores: ScoreKind): string =>
  `?${new URLSearchParams({ sort, scores })}`;

/** A linear scale from [lo, hi] onto [from, to] (pixels); values outside are clamped. */
export function linearScale(lo: number, hi: number, from: number, to: number): (value: number) => number {
  const span = hi - lo || 1;
  return (value) => from + ((Math.min(hi, Math.max(lo, value)) - lo) / span) * (to - from);
}

/** Whole-number ticks from lo to hi (at most 11; wider ranges step further). */
export function ticks(lo: number, hi: number): number[] {
  const step = Math.max(1, Math.ceil((hi - lo) / 10));
  const out: number[] = [];
  for (let v = Math.ceil(lo); v <= hi; v += step) out.push(v);
  return out;
}
