// Where the cut of a "top N" shortlist falls in a category, pure: ranking by mean score, shared
// places for ties, and the entries tied at the cut that a manager has to decide between. No I/O.

/** An entry with its mean score in the round (null: no submitted review, so never in a top N). */
export interface Scored {
  id: string;
  mean: number | null;
}

/** Two means closer than this are equal (sums of weighted scores are not exact in floating point). */
export const MEAN_EPSILON = 1e-9;

/** The cut for `n` places. */
export interface Cut {
  /** Every entry, best first, with its place (ties share one: 1, 1, 3); unscored entries last, without a place. */
  ranked: { id: string; place: number | null }[];
  /** Entries that are in without doubt (strictly better than the cut). */
  above: string[];
  /** Entries tied at the cut when they do not all fit: the manager decides which go on. Empty otherwise. */
  tied: string[];
  /** Places left for the tied entries (n − above). */
  placesLeft: number;
}

/**
 * The cut of the best `n` (≥ 1) among `entries` by mean score. Equal means keep the order given
 * (entry number). When the n-th and the (n+1)-th entry have the same mean, the whole group with that
 * mean is `tied` and `placesLeft` says how many of it fit; otherwise the best n (or all scored, if
 * fewer) are `above`.
 */
export function cutAt(entries: readonly Scored[], n: number): Cut {
  const scored = entries.filter((e): e is Scored & { mean: number } => e.mean !== null);
  const sorted = scored
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => (Math.abs(a.mean - b.mean) < MEAN_EPSILON ? a.i - b.i : b.mean - a.mean));
  const same = (a: number, b: number) => Math.abs(a - b) < MEAN_EPSILON;
  const ranked: Cut['ranked'] = [];
  sorted.forEach((e, i) => {
    const before = sorted[i - 1];
    const place = before && same(before.mean, e.mean) ? (ranked[i - 1]?.place ?? i + 1) : i + 1;
    ranked.push({ id: e.id, place });
  });
  for (const e of entries) if (e.mean === null) ranked.push({ id: e.id, place: null });
  if (sorted.length <= n) return { ranked, above: sorted.map((e) => e.id), tied: [], placesLeft: 0 };
  const threshold = (sorted[n - 1] as { mean: number }).mean;
  const next = (sorted[n] as { mean: number }).mean;
  if (!same(threshold, next)) return { ranked, above: sorted.slice(0, n).map((e) => e.id), tied: [], placesLeft: 0 };
  const above = sorted.filter((e) => e.mean > threshold && !same(e.mean, threshold)).map((e) => e.id);
  const tied = sorted.filter((e) => same(e.mean, threshold)).map((e) => e.id);
  return { ranked, above, tied, placesLeft: n - above.length };
}
